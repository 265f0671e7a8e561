from celery import shared_task

from core.jobs import run_job


@shared_task(name="core.run_periodic_job")
def run_periodic_job(name: str) -> str:
    return run_job(name)
