"""PDF page layouts of the sandbox documents (one module per family of documents)."""
