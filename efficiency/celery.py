"""The Celery app. Periodic jobs come from the job registry (core.jobs)."""

import os
from pathlib import Path

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "efficiency.settings")

app = Celery("efficiency")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def _make_broker_folders() -> None:
    # kombu's filesystem transport does not create its folders, and a missing
    # one kills the worker with FileNotFoundError.
    options = app.conf.broker_transport_options or {}
    for key in ("data_folder_in", "data_folder_out", "processed_folder", "control_folder"):
        if options.get(key):
            Path(options[key]).mkdir(parents=True, exist_ok=True)


@app.on_after_configure.connect
def _prepare_broker(sender, **kwargs):
    _make_broker_folders()


@app.on_after_finalize.connect
def _schedule_periodic_jobs(sender, **kwargs):
    from core.jobs import registry
    from core.tasks import run_periodic_job

    for job in registry.all():
        sender.add_periodic_task(job.schedule, run_periodic_job.s(job.name), name=job.name)
