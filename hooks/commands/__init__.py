"""The `cvo-protocol` command line."""
