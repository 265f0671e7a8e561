"""Rule 4 pages: absences (to be built)."""
