"""Publishing over mike: every site of a version to gh-pages, with the portal, feeds and PDFs."""
