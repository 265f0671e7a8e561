"""Rule 4 pages: holders (to be built)."""
