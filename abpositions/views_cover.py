"""Rule 4 pages: cover (to be built)."""
