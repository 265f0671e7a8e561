"""The overdue job through the configured broker, run by a real worker process."""

import time

import pytest

from deadlines.models import Case
from efficiency.celery import app as celery_app
from tests.core.test_live_worker import _start_worker
from tests.deadlines.conftest import at


@pytest.mark.live_worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_flags_an_overdue_case(official_calendar, open_case):
    from core.tasks import run_periodic_job

    case = open_case(received_at=at(2026, 10, 12))  # due 2026-10-26, long past
    assert not case.overdue
    worker = _start_worker()
    try:
        celery_app.conf.task_always_eager = False
        try:
            run_periodic_job.delay("case_flag_overdue")
        finally:
            celery_app.conf.task_always_eager = True
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not Case.objects.get(pk=case.pk).overdue:
            if worker.poll() is not None:
                pytest.fail(f"the worker exited early:\n{worker.stdout.read()}")
            time.sleep(0.5)
    finally:
        worker.terminate()
        output = worker.communicate(timeout=30)[0]
    case.refresh_from_db()
    assert case.overdue, output
    assert case.escalations.filter(step="handler").exists()
