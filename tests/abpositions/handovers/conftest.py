"""What the handover tests share: A's trip, B acting for A on A's cases
(audit events with ``acting_for``), and the handover drawn up on return.
"""

import pytest
import time_machine
from django.db import transaction

from abpositions.services_handovers import handover_draw_up
from audit.services import record_event
from commitments.services import MaterialSpec, service_item_create
from tests.abpositions.conftest import at
from tests.factories import catalogue_keeper

TRIP = ("2026-12-07 09:00", "2026-12-08 18:00")  # Monday morning to Tuesday evening
BACK = "2026-12-08 18:30"


@pytest.fixture
def item(department):
    return service_item_create(
        actor=catalogue_keeper(),
        code="XK-101",
        department=department,
        content={
            "name": "食品经营许可（新办）",
            "basis": "《食品安全法》",
            "statutory_days": 20,
            "committed_days": 10,
        },
        materials=[MaterialSpec("申请书")],
    )


@pytest.fixture
def cases(item, a_holder):
    from deadlines.services import case_open

    with time_machine.travel(at("2026-12-01 10:00"), tick=False):
        return [
            case_open(actor=a_holder.user, service_item=item, applicant_name=name, handler=a_holder)
            for name in ("王先生", "刘女士", "陈先生")
        ]


def acted(cover, holder, subject, when, verb="case.complete"):
    """``cover`` acted on ``subject`` for ``holder`` at ``when`` (Beijing time)."""
    with time_machine.travel(at(when), tick=False), transaction.atomic():
        record_event(actor=cover.user, verb=verb, subject=subject, acting_for=holder.user)


@pytest.fixture
def trip(a_holder, post, away):
    return away(a_holder, *TRIP)


@pytest.fixture
def handover(trip, cases, a_holder, b_holder):
    """B started and completed the first case and logged the second, for A, during the trip."""
    acted(b_holder, a_holder, cases[0], "2026-12-07 10:00", verb="case.start")
    acted(b_holder, a_holder, cases[1], "2026-12-07 15:00", verb="case.open")
    acted(b_holder, a_holder, cases[0], "2026-12-08 17:59")
    with time_machine.travel(at(BACK), tick=False):
        return handover_draw_up(absence=trip)
