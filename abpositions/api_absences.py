"""Rule 4 API: absences (to be built)."""
