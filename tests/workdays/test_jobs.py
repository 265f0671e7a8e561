import logging

import pytest
import time_machine
from django.core.management import call_command
from django.utils import translation

from core.jobs import registry
from core.models import JobRun
from workdays.jobs import calendar_next_year_check
from workdays.models import CalendarYear

pytestmark = pytest.mark.django_db


def test_registered_daily():
    job = registry.get("calendar_next_year_check")
    assert job.schedule.hour == {8}
    assert job.schedule.day_of_week == set(range(7))


@time_machine.travel("2026-10-02 08:05 +0800")
def test_warns_from_october_when_next_year_is_missing(caplog):
    with caplog.at_level(logging.WARNING, logger="workdays.jobs"), translation.override("en"):
        summary = calendar_next_year_check()
    assert "2027" in summary and "not known" in summary
    assert any(r.levelno == logging.WARNING and "2027" in r.getMessage() for r in caplog.records)


@time_machine.travel("2026-08-02 08:05 +0800")
def test_quiet_before_october(caplog):
    with caplog.at_level(logging.WARNING, logger="workdays.jobs"), translation.override("en"):
        summary = calendar_next_year_check()
    assert "not known" in summary
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


@time_machine.travel("2026-12-02 08:05 +0800")
def test_says_so_when_next_year_is_known(caplog):
    CalendarYear.objects.create(year=2027, source="manual")
    with caplog.at_level(logging.WARNING, logger="workdays.jobs"), translation.override("en"):
        summary = calendar_next_year_check()
    assert "2027" in summary
    assert "not" not in summary
    assert not caplog.records


@time_machine.travel("2026-10-02 08:05 +0800")
def test_run_jobs_runs_it(capsys):
    call_command("run_jobs", "--only", "calendar_next_year_check")
    assert "calendar_next_year_check:" in capsys.readouterr().out
    run = JobRun.objects.get(name="calendar_next_year_check")
    assert run.last_ok is True
    assert "2027" in run.last_summary
