// Citations: see DESIGN.md.
