"""Telling the administrators, in their inbox, of what only they can mend:
a year whose official holiday schedule is not entered.

Lower apps cannot know who the administrators are (org holds the roles), so
the jobs of the apps above org call here. Each message carries a dedupe key,
so however often a job runs, each administrator hears of a thing once.
"""

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from messaging.models import Channel
from messaging.services import MessageSpec, message_queue_many
from org.models import Staff
from org.roles import Role


def _administrators() -> list[Staff]:
    return list(Staff.objects.active().with_role(Role.ADMINISTRATOR).select_related("user").order_by("pk"))


def _calendar_link(year: int) -> str:
    return f"{reverse('admin:workdays_calendaryear_add')}?year={year}"


def _tell_administrators(*, year: int, kind: str, subject: str, body: str, key: str) -> int:
    """Queue one message to each administrator; how many were new."""
    with transaction.atomic():
        return len(
            message_queue_many(
                [
                    MessageSpec(
                        channel=Channel.INBOX,
                        recipient=staff.user,
                        kind=kind,
                        subject=subject,
                        body=body,
                        link=_calendar_link(year),
                        dedupe_key=f"{key}:{staff.pk}",
                    )
                    for staff in _administrators()
                ]
            )
        )


def calendar_missing_alert(*, year: int, job: str, step: str) -> int:
    """A job's step could not be taken because ``year``'s schedule is missing:
    the administrators are told once for that year and step."""
    return _tell_administrators(
        year=year,
        kind="calendar.step_not_taken",
        subject=_("The holiday schedule for %(year)s is missing: a job step was not taken") % {"year": year},
        body=_(
            "The job %(job)s could not take its step “%(step)s”, because it counts working days in %(year)s, "
            "whose official holiday schedule has not been entered. The step is taken on the first run "
            "after an administrator enters the schedule."
        )
        % {"job": job, "step": step, "year": year},
        key=f"calendar-missing:{year}:{job}:{step}",
    )


def calendar_missing_weekly_reminder(*, year: int, today) -> int:
    """The reminder of the week that ``year``'s schedule is still missing:
    sent once per ISO week to each administrator."""
    iso_year, week, _weekday = today.isocalendar()
    return _tell_administrators(
        year=year,
        kind="calendar.missing",
        subject=_("Enter the official holiday schedule for %(year)s") % {"year": year},
        body=_(
            "The official holiday schedule for %(year)s has not been entered. Until it is, no due date in "
            "%(year)s can be counted, and the jobs that need it wait. Please enter it as soon as the State "
            "Council publishes it."
        )
        % {"year": year},
        key=f"calendar-missing-{year}:{iso_year}-W{week:02d}",
    )
