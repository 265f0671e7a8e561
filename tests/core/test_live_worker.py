"""A real task through the configured broker to a real Celery worker process.

Embedded, that is the filesystem broker and the SQLite file; in CI's second
pass, Redis and PostgreSQL. The worker is a separate process on the test
database, so the test commits its data (transaction=True).
"""

import os
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.db import connection

from core.models import JobRun
from efficiency.celery import app as celery_app


def _test_database_url() -> str:
    conf = connection.settings_dict
    if conf["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{conf['NAME']}"
    if conf["ENGINE"].endswith("postgresql"):
        auth = conf["USER"] + (f":{conf['PASSWORD']}" if conf["PASSWORD"] else "")
        return f"postgres://{auth}@{conf['HOST'] or 'localhost'}:{conf['PORT'] or 5432}/{conf['NAME']}"
    raise AssertionError(f"no URL form for {conf['ENGINE']}")


def _start_worker(*extra):
    env = {**os.environ, "DATABASE_URL": _test_database_url(), "CELERY_TASK_ALWAYS_EAGER": "0"}
    return subprocess.Popen(
        [
            sys.executable, "-m", "celery", "-A", "efficiency", "worker", "--pool=solo",
            "--without-gossip", "--without-mingle", "--without-heartbeat", "--loglevel=INFO", *extra,
        ],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )  # fmt: skip


@pytest.fixture
def worker():
    process = _start_worker()
    yield process
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.mark.live_worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_runs_a_job_sent_through_the_broker(worker):
    from core.tasks import run_periodic_job

    celery_app.conf.task_always_eager = False
    try:
        run_periodic_job.delay("deliver_messages")
    finally:
        celery_app.conf.task_always_eager = True

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        run = JobRun.objects.filter(name="deliver_messages", last_ok=True).first()
        if run is not None:
            break
        if worker.poll() is not None:
            pytest.fail(f"the worker exited early:\n{worker.stdout.read()}")
        time.sleep(0.5)
    else:
        worker.terminate()
        pytest.fail(f"the worker did not run the job within 60 s:\n{worker.communicate(timeout=20)[0]}")
    assert run.runs >= 1
    assert run.last_finished_at is not None


@pytest.mark.live_worker
@pytest.mark.django_db(transaction=True)
def test_embedded_beat_schedules_every_periodic_job(tmp_path):
    """Beat runs in its own process, where the job registry must be loaded
    before the schedule is built; read back the schedule it saved."""
    import shelve

    from core.jobs import registry

    schedule_file = tmp_path / "beat-schedule"
    process = _start_worker("--beat", f"--schedule={schedule_file}")
    output = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        output.append(line)
        if "beat: Starting" in line or process.poll() is not None:
            break
    time.sleep(2)  # let beat add the jobs after it starts
    process.terminate()
    output.append(process.communicate(timeout=30)[0])
    with shelve.open(str(schedule_file)) as saved:
        entries = saved["entries"]
    assert set(registry.names()) <= set(entries), "".join(output)
    assert entries["deliver_messages"].args == ("deliver_messages",)
