"""The Celery app. Periodic jobs come from the job registry (core.jobs)."""

import os
from pathlib import Path

from celery import Celery, signals

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


def periodic_job_entries() -> dict:
    """Beat's entries: one per job in the registry (core.jobs)."""
    from core.jobs import registry

    return {
        job.name: {"task": "core.run_periodic_job", "schedule": job.schedule, "args": (job.name,)}
        for job in registry.all()
    }


@signals.beat_init.connect
def _schedule_periodic_jobs(sender, **kwargs):
    # The registry fills when Django loads the apps, which beat does not do
    # on its own before building its scheduler: load them, then add the jobs.
    import django

    django.setup()
    sender.scheduler.update_from_dict(periodic_job_entries())
