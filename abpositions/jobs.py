"""Rule 4's periodic jobs, each part in its own module (found by core's autodiscovery of ``jobs``)."""

from abpositions import jobs_handovers, jobs_uncovered  # noqa: F401
