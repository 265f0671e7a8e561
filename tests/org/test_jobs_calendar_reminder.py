"""From 1 November, the administrators hear once a week that next year's
schedule is missing, until it is entered."""

import pytest
import time_machine

from core.jobs import registry
from messaging.models import Message
from org.jobs import calendar_missing_reminder
from workdays.models import CalendarYear

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_2027(db):
    CalendarYear.objects.filter(year=2027).delete()


def _reminders(staff):
    return Message.objects.filter(kind="calendar.missing", recipient=staff.user)


def test_the_job_runs_daily():
    assert registry.get("calendar_missing_reminder").schedule.days == 1


@time_machine.travel("2026-10-31 09:00 +0800")
def test_october_is_quiet(administrator):
    calendar_missing_reminder()
    assert not _reminders(administrator).exists()


def test_once_a_week_from_1_november_to_every_administrator(administrator, make_staff, handler):
    from org.roles import Role

    second = make_staff(Role.ADMINISTRATOR, name="管理员王", rank=4)
    with time_machine.travel("2026-11-01 09:00 +0800"):  # a Sunday: the last day of ISO week 44
        assert calendar_missing_reminder() == "the schedule for 2027 is missing: reminded 2 administrators"
    for day in ("2026-11-02", "2026-11-05", "2026-11-08"):  # ISO week 45, every day
        with time_machine.travel(f"{day} 09:00 +0800"):
            calendar_missing_reminder()
    with time_machine.travel("2026-11-09 09:00 +0800"):  # week 46
        calendar_missing_reminder()
    assert _reminders(administrator).count() == 3
    assert _reminders(second).count() == 3
    assert not Message.objects.filter(recipient=handler.user).exists()
    message = _reminders(administrator).first()
    assert "2027" in message.subject
    assert message.link == "/admin/workdays/calendaryear/add/?year=2027"


def test_no_reminder_once_next_year_is_entered(administrator):
    CalendarYear.objects.create(year=2027, source="manual")
    with time_machine.travel("2026-12-07 09:00 +0800"):
        calendar_missing_reminder()
    assert not _reminders(administrator).exists()


@time_machine.travel("2027-01-04 09:00 +0800")
def test_in_january_the_current_years_missing_schedule_is_reminded(administrator):
    calendar_missing_reminder()
    assert _reminders(administrator).count() == 1
