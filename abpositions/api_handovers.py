"""Rule 4 API: handovers (to be built)."""
