"""Rule 4 pages: board (to be built)."""
