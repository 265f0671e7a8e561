"""core.clock: the services' time, which a replay of history sets back, never forward."""

from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.db import transaction

from audit.chain import verify_chain
from audit.services import record_event
from core import clock
from core.replay import Replay
from org.models import Department
from tests.deadlines.conftest import at

NOW = at(2026, 12, 3, hour=10)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def test_it_is_the_real_time_outside_as_of():
    assert clock.now() == NOW
    assert clock.localdate() == date(2026, 12, 3)


def test_as_of_sets_the_time_inside_its_block_only():
    past = at(2026, 10, 12, hour=9)
    with clock.as_of(past):
        assert clock.now() == past
        assert clock.localdate() == date(2026, 10, 12)
    assert clock.now() == NOW


def test_as_of_refuses_the_future_and_a_naive_time():
    with pytest.raises(ValueError, match="future"), clock.as_of(NOW + timedelta(minutes=1)):
        pass
    with pytest.raises(ValueError, match="aware"), clock.as_of(datetime(2026, 10, 12, 9)):
        pass


def test_an_audit_event_written_as_of_a_past_day_carries_it_and_the_chain_verifies(db):
    department = Department.objects.create(code="x", name="审批科")
    past = at(2026, 10, 12, hour=9)
    with transaction.atomic():
        record_event(actor=None, verb="test.now", subject=department)
        with clock.as_of(past):
            event = record_event(actor=None, verb="test.past", subject=department)
    event.refresh_from_db()
    assert event.at == past
    assert verify_chain().ok


def test_a_replay_plays_steps_in_time_order_with_their_follow_ups_and_none_in_the_future():
    played = []
    replay = Replay()

    def step(name, then=()):
        def act():
            played.append((name, clock.now()))
            return list(then)

        return act

    replay.add(at(2026, 11, 2), step("second", [(at(2026, 11, 20), step("follow-up"))]))
    replay.add(at(2026, 10, 30), step("first"))
    replay.add(NOW + timedelta(days=3), step("future"))
    replay.every_day(
        date(2026, 11, 19), date(2026, 11, 20), at(2026, 1, 1, hour=0).time(), lambda: "a summary"
    )
    assert replay.run() == 6
    assert [name for name, _moment in played] == ["first", "second", "follow-up", "future"]
    assert played[2][1] == at(2026, 11, 20)
    assert played[3][1] < NOW
