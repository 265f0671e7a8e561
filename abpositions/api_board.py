"""Rule 4 API: board (to be built)."""
