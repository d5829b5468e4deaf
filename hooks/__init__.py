"""The CVO Protocol Social Media site: overlays, merge, build and publish.

Installed as the package ``cvo_protocol`` (mapped onto this ``hooks/``
folder), in layers; each layer imports only from the layers above it:

- ``core``        the protocol, schools and versions in plain Python (no MkDocs)
- ``pages``       what a page carries besides the text: CSP, copy links, poster, print heading
- ``adapter``     the MkDocs hook events, wired to ``core`` and ``pages``
- ``build``       building one site atomically, or many in worker processes
- ``publishing``  every site of a version to ``gh-pages`` over mike; portal, feeds, PDFs
- ``commands``    the ``cvo-protocol`` command

The module map is in the README ("How it fits together").
"""
