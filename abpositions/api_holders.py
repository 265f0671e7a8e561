"""Rule 4 API: holders (to be built)."""
