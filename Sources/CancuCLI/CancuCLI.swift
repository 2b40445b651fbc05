// CancuCLI: see DESIGN.md.
