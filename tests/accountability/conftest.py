"""What the accountability tests share: an overdue case of the handler's, and its record."""

import pytest
import time_machine

from tests.deadlines.conftest import at, item, make_item, open_case  # noqa: F401  (shared fixtures)


@pytest.fixture
def case(official_calendar, open_case):  # noqa: F811
    """Received Tue 2026-12-01 10:00, due ten working days later (12-15)."""
    with time_machine.travel(at(2026, 12, 1), tick=False):
        return open_case()


def run_job(func, when):
    with time_machine.travel(when, tick=False):
        return func()


@pytest.fixture
def overdue_record(case, supervisor, chief):
    """The case found overdue on Wed 12-16, its record opened that morning."""
    from accountability.jobs import accountability_collect
    from accountability.models import Record
    from deadlines.jobs import flag_overdue

    run_job(flag_overdue, at(2026, 12, 16, hour=9))
    run_job(accountability_collect, at(2026, 12, 16, hour=10))
    return Record.objects.get(source="overdue_case")
