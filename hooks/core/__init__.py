"""The core: the protocol, the schools and the versions in plain Python. Nothing here imports MkDocs."""
