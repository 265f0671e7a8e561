"""The registry of periodic jobs.

An app declares a job in its ``jobs.py``::

    @periodic_job("deliver_messages", every=timedelta(minutes=1))
    def deliver_messages() -> str: ...

Beat runs each on its schedule, ``manage.py run_jobs`` runs them now, and
``/healthz`` reports when each last ran. A job returns a one-line summary
of what it did. Jobs must be idempotent: beat, ``run_jobs`` and a second
worker may all run the same job at once.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from celery.schedules import crontab
from django.db import transaction
from django.db.models import F
from django.utils import timezone


@dataclass(frozen=True)
class Job:
    name: str
    func: Callable[[], str]
    schedule: timedelta | crontab
    description: str


class JobRegistry:
    def __init__(self):
        self._jobs: dict[str, Job] = {}

    def register(self, job: Job) -> None:
        if job.name in self._jobs and self._jobs[job.name].func is not job.func:
            raise ValueError(f"periodic job {job.name!r} is declared twice")
        self._jobs[job.name] = job

    def get(self, name: str) -> Job:
        try:
            return self._jobs[name]
        except KeyError:
            raise KeyError(f"no periodic job named {name!r}; known: {', '.join(self.names())}") from None

    def names(self) -> list[str]:
        return sorted(self._jobs)

    def all(self) -> list[Job]:
        return [self._jobs[name] for name in self.names()]


registry = JobRegistry()


def periodic_job(name: str, *, every: timedelta | crontab, description: str = ""):
    def decorate(func: Callable[[], str]) -> Callable[[], str]:
        registry.register(
            Job(name=name, func=func, schedule=every, description=description or (func.__doc__ or "").strip())
        )
        return func

    return decorate


def run_job(name: str) -> str:
    """Run one job now and record the run for /healthz. Re-raises failures."""
    from core.models import JobRun

    job = registry.get(name)
    started = timezone.now()
    JobRun.objects.get_or_create(name=name)
    JobRun.objects.filter(name=name).update(last_started_at=started)
    try:
        summary = job.func() or ""
    except Exception as exc:
        _record_finish(name, ok=False, summary=f"{type(exc).__name__}: {exc}")
        raise
    _record_finish(name, ok=True, summary=summary)
    return summary


def _record_finish(name: str, *, ok: bool, summary: str) -> None:
    from core.models import JobRun

    with transaction.atomic():
        JobRun.objects.filter(name=name).update(
            last_finished_at=timezone.now(),
            last_ok=ok,
            last_summary=summary[:1000],
            runs=F("runs") + 1,
            failures=F("failures") + (0 if ok else 1),
        )
