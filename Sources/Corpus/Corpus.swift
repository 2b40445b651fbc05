// Corpus: see DESIGN.md.
