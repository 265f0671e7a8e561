"""A breach is held to the item version the public was promised on the breach's day."""

from datetime import date

import pytest
import time_machine

from commitments.services import MaterialSpec, breach_record, service_item_create, service_item_revise
from tests.deadlines.conftest import at

CONTENT = {"name": "食品经营许可（新办）", "basis": "《食品安全法》第三十五条", "committed_days": 10}


@pytest.fixture
def item(administrator, department):
    with time_machine.travel(at(2026, 10, 1), tick=False):
        item = service_item_create(
            actor=administrator.user,
            code="XK-001",
            department=department,
            content=CONTENT,
            materials=[MaterialSpec("申请书")],
        )
    with time_machine.travel(at(2026, 11, 10, hour=15), tick=False):
        service_item_revise(
            actor=administrator.user,
            item=item,
            content={**CONTENT, "committed_days": 7},
            materials=[MaterialSpec("申请书")],
            change_note="压缩承诺时限",
        )
    item.refresh_from_db()
    return item


@pytest.mark.parametrize(
    ("occurred_on", "committed_days"),
    [
        (date(2026, 11, 9), 10),  # before the revision: the first version
        (date(2026, 11, 10), 7),  # the day of the revision: in force by the end of it
        (date(2026, 11, 20), 7),
        (date(2026, 9, 20), 10),  # before the item was entered: the earliest text known
    ],
)
def test_the_version_in_force_on_the_breach_day(item, supervisor, handler, occurred_on, committed_days):
    with time_machine.travel(at(2026, 12, 3), tick=False):
        breach = breach_record(
            actor=supervisor.user,
            staff=handler,
            item=item,
            occurred_on=occurred_on,
            promised="承诺时限内办结",
            happened="超期未办结",
        )
    assert breach.item_version.committed_days == committed_days
