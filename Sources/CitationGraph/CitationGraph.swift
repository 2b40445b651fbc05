// CitationGraph: see DESIGN.md.
