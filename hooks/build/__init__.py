"""Building sites with MkDocs' API: one site atomically, many in parallel worker processes."""
