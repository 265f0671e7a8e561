"""Rule 4 pages: handovers (to be built)."""
