"""The MkDocs adapter: the hook events, wired to the core and to the page pieces."""
