"""Checks that ``/healthz`` runs besides the database and the broker.

A higher app registers a check in its ``AppConfig.ready()``::

    health.register("calendar", calendar_next_year_check)

A check returns a ``HealthResult``. ``ok=False`` marks the system as needing
attention; ``critical`` decides whether that also makes ``/healthz`` answer
503 (a broken database does; next year's calendar not yet entered does not).
``detail`` may carry internal text, so only administrators are shown it.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class HealthResult:
    ok: bool
    detail: str = ""
    critical: bool = False


class HealthRegistry:
    def __init__(self):
        self._checks: dict[str, Callable[[], HealthResult]] = {}

    def register(self, name: str, check: Callable[[], HealthResult]) -> None:
        if name in self._checks and self._checks[name] is not check:
            raise ValueError(f"health check {name!r} is registered twice")
        self._checks[name] = check

    def items(self) -> list[tuple[str, Callable[[], HealthResult]]]:
        return sorted(self._checks.items())


registry = HealthRegistry()
register = registry.register
