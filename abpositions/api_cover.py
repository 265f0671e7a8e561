"""Rule 4 API: cover (to be built)."""
