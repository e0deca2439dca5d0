"""The regulation corpus: loading Part 205, chunking it by paragraph, indexing and retrieval."""
