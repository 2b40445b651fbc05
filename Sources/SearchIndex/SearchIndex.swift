// SearchIndex: see DESIGN.md.
