"""Rule 4, item 5: the check that no post is left uncovered."""

from datetime import timedelta

from celery.schedules import crontab

from abpositions.uncovered import uncovered_posts_check
from core import clock
from core.jobs import periodic_job
from workdays.days import UnpublishedYearError, is_working_day


@periodic_job("posts_uncovered_check", every=timedelta(hours=1))
def posts_uncovered_check() -> str:
    """Alert the section chief once for each post with both holders away and nobody named."""
    return uncovered_posts_check()


@periodic_job("posts_uncovered_morning_check", every=crontab(hour=8, minute=0))
def posts_uncovered_morning_check() -> str:
    """The same check first thing each working morning, before the windows open."""
    try:
        working = is_working_day(clock.localdate())
    except UnpublishedYearError:
        working = True  # better a check on a rest day than none on a working one
    if not working:
        return "not a working day"
    return uncovered_posts_check()
