from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command

from core.jobs import Job, registry
from core.models import JobRun


@pytest.fixture
def sample_jobs():
    calls = []

    def count_things():
        calls.append("count")
        return f"counted {len(calls)}"

    def broken():
        raise RuntimeError("the gateway is down")

    added = [
        Job("zz_count_things", count_things, timedelta(minutes=5), "count"),
        Job("zz_broken", broken, timedelta(minutes=5), "breaks"),
    ]
    for job in added:
        registry.register(job)
    yield calls
    for job in added:
        registry._jobs.pop(job.name)


def test_only_runs_one_job_and_records_the_run(db, sample_jobs, capsys):
    call_command("run_jobs", "--only", "zz_count_things")
    assert "zz_count_things: counted 1" in capsys.readouterr().out
    run = JobRun.objects.get(name="zz_count_things")
    assert run.last_ok is True
    assert run.runs == 1
    assert run.last_summary == "counted 1"


def test_a_failing_job_is_reported_and_recorded_but_others_still_run(db, sample_jobs, capsys):
    with pytest.raises(CommandError, match="1 job"):
        call_command("run_jobs")
    out = capsys.readouterr()
    assert "zz_count_things: counted 1" in out.out
    assert "zz_broken: FAILED: RuntimeError: the gateway is down" in out.err
    broken = JobRun.objects.get(name="zz_broken")
    assert broken.last_ok is False
    assert broken.failures == 1


def test_unknown_job_name_is_a_clear_error(db):
    with pytest.raises(CommandError, match="no job named 'nope'"):
        call_command("run_jobs", "--only", "nope")


def test_beat_schedules_every_registered_job(tmp_path):
    from celery import signals
    from celery.beat import Service

    from efficiency.celery import app

    service = Service(app, schedule_filename=str(tmp_path / "beat-schedule"))
    try:
        signals.beat_init.send(sender=service)
        entries = service.scheduler.schedule
        assert {"deliver_messages", "calendar_next_year_check"} <= set(entries)
        assert entries["deliver_messages"].task == "core.run_periodic_job"
        assert entries["deliver_messages"].args == ("deliver_messages",)
        assert set(registry.names()) <= set(entries)
    finally:
        service.scheduler.close()
