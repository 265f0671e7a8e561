"""The calendar's line on ``/healthz``: a schedule the system needs is missing."""

from django.utils import timezone

from core.health import HealthResult
from workdays.days import missing_schedule_year, next_year_warning


def calendar_check() -> HealthResult:
    """Not ok from 1 October while next year's schedule is missing, and while
    the current year's is. Never critical: the pages still serve, and a 503
    would take the site out of a load balancer for what only an administrator
    can mend."""
    today = timezone.localdate()
    year = missing_schedule_year(today)
    if year is None:
        return HealthResult(ok=True)
    return HealthResult(ok=False, detail=next_year_warning(today))
