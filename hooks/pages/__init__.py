"""What a page carries besides the protocol's text: CSP, copy links, poster, print heading, links. Plain HTML, no MkDocs."""
