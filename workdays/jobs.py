import logging

from celery.schedules import crontab
from django.utils import timezone
from django.utils.translation import gettext

from core.jobs import periodic_job
from workdays.days import known_years, next_year_warning

logger = logging.getLogger(__name__)


@periodic_job("calendar_next_year_check", every=crontab(hour=8, minute=5))
def calendar_next_year_check() -> str:
    """Warn when next year's official holiday schedule is still missing (from 1 October)."""
    today = timezone.localdate()
    warning = next_year_warning(today)
    if warning:
        logger.warning(warning)
    next_year = today.year + 1
    if next_year in known_years():
        return gettext("The schedule for %(year)s is known.") % {"year": next_year}
    return gettext("The schedule for %(year)s is not known yet.") % {"year": next_year} + (
        " " + warning if warning else ""
    )
