"""evaluation_freeze: each closed month, quarter and year frozen once at both
levels, never the current period; a frozen period unchanged by a later edit;
two workers at once freeze each once. Runs in both CI passes (SQLite, and
PostgreSQL where the two workers really contend)."""

from collections import Counter

import pytest
import time_machine

from audit.models import AuditEvent
from deadlines.services import case_complete
from evaluation import figures, tables
from evaluation.jobs import evaluation_freeze
from evaluation.models import Rating, Snapshot
from evaluation.periods import Period
from evaluation.services import rating_submit
from evaluation.tokens import token_for
from tests.concurrency import run_together
from tests.evaluation.conftest import at

# The first case is received in November 2026; on 2027-01-05 these have closed.
CLOSED = ["2026-11", "2026-12", "2026-Q4", "2026"]
EXPECTED = Counter({(period, level): 1 for period in CLOSED for level in figures.LEVELS})


@pytest.fixture
def rated_cases(official_calendar, open_case, handler, chief):
    """A case of November rated 5 in November; one of December rated 2 in December."""

    def complete(received, done, level, rated):
        with time_machine.travel(received, tick=False):
            case = open_case()
        with time_machine.travel(done, tick=False):
            case = case_complete(actor=handler.user, case=case)
        with time_machine.travel(rated, tick=False):
            rating_submit(actor=None, token=token_for(case), level=level, reason="材料清单不清")
        return case

    return [
        complete(at(2026, 11, 16), at(2026, 11, 18), 5, at(2026, 11, 19)),
        complete(at(2026, 12, 1), at(2026, 12, 3), 2, at(2026, 12, 4)),
    ]


def _frozen() -> Counter:
    return Counter(Snapshot.objects.values_list("period", "level"))


def _freeze(day) -> str:
    with time_machine.travel(day, tick=False):
        return evaluation_freeze()


@pytest.mark.django_db
def test_each_closed_period_is_frozen_once_at_both_levels(rated_cases, handler):
    assert _freeze(at(2027, 1, 5)) == "8 frozen"
    assert _frozen() == EXPECTED  # 2027-01, the current month, is not among them
    assert set(Snapshot.objects.values_list("revision", flat=True)) == {1}
    assert _freeze(at(2027, 1, 5, hour=16)) == "0 frozen"
    assert _frozen() == EXPECTED
    events = AuditEvent.objects.filter(verb="evaluation.freeze")
    assert events.count() == 8 and not AuditEvent.objects.filter(verb="evaluation.revise").exists()
    year = Snapshot.objects.get(period="2026", level=figures.STAFF)
    mine = next(row for row in year.rows if row["id"] == handler.pk)
    assert (mine["figures"]["handled"], mine["figures"]["ratings"], mine["figures"]["poor"]) == (2, 2, 1)


@pytest.mark.django_db
def test_the_current_period_is_never_frozen(rated_cases):
    assert _freeze(at(2026, 12, 20)) == "2 frozen"  # November only, at both levels
    assert _frozen() == Counter({("2026-11", level): 1 for level in figures.LEVELS})


@pytest.mark.django_db
def test_a_frozen_period_does_not_change_when_a_case_is_edited_afterwards(rated_cases, handler):
    _freeze(at(2027, 1, 5))
    december = Period.parse("2026-12")
    before = {
        level: list(Snapshot.objects.get(period="2026-12", level=level).rows) for level in figures.LEVELS
    }
    with time_machine.travel(at(2027, 1, 6), tick=False):
        shown = tables.table(december, figures.STAFF, with_change=False).rows
        # Edited afterwards: the poor rating excluded, the case given to nobody's figures.
        Rating.objects.filter(level=2).update(excluded=True)
        assert figures.compute(december, figures.STAFF)[handler.pk]["poor"] == 0  # live, it would change
        assert _freeze(at(2027, 1, 6, hour=11)) == "0 frozen"
        assert tables.table(december, figures.STAFF, with_change=False).rows == shown
    for level in figures.LEVELS:
        snapshot = Snapshot.objects.get(period="2026-12", level=level)
        assert (snapshot.revision, snapshot.rows) == (1, before[level])
    mine = next(row for row in shown if row["id"] == handler.pk)
    assert mine["figures"]["poor"] == 1


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_freeze_each_period_once(rated_cases):
    with time_machine.travel(at(2027, 1, 5), tick=False):
        results = run_together(evaluation_freeze, evaluation_freeze)
    assert [kind for kind, _value in results] == ["ok", "ok"], results
    assert sum(int(value.split()[0]) for _kind, value in results) == 8, results
    assert _frozen() == EXPECTED
    assert set(Snapshot.objects.values_list("revision", flat=True)) == {1}
    events = Counter(AuditEvent.objects.filter(verb__startswith="evaluation.").values_list("verb", flat=True))
    assert events == {"evaluation.freeze": 8}
