"""The administrators' weekly reminder of next year's calendar."""

from datetime import timedelta

from django.utils import timezone

from core.jobs import periodic_job
from org.alerts import calendar_missing_weekly_reminder
from workdays.days import missing_schedule_year

# From this month on, administrators are reminded in their inbox each week.
REMIND_FROM_MONTH = 11


@periodic_job("calendar_missing_reminder", every=timedelta(days=1))
def calendar_missing_reminder() -> str:
    """From 1 November, tell the administrators once a week that next year's
    official holiday schedule is still missing (and at once if this year's is)."""
    today = timezone.localdate()
    year = missing_schedule_year(today)
    if year is None or (year > today.year and today.month < REMIND_FROM_MONTH):
        return "no schedule missing that administrators must be reminded of"
    sent = calendar_missing_weekly_reminder(year=year, today=today)
    return f"the schedule for {year} is missing: reminded {sent} administrators"
