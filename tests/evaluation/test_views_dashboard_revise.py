# ruff: noqa: F811  (fixtures imported, then asked for by name)
"""A supervisor revises a frozen period from the dashboard (/evaluation/revise/):
a new revision of both tables with who and why, shown on the dashboard; no
reason is a 400, a chief a 403, a live period a 409."""

import pytest
import time_machine

from evaluation import figures, tables
from evaluation.models import Rating, Snapshot
from evaluation.periods import Period
from tests.evaluation.conftest import at
from tests.evaluation.test_figures import bureau  # noqa: F401  (fixture)
from tests.inquiries.conftest import log_inquiry  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

URL = "/evaluation/revise/"
DECEMBER = Period.parse("2026-12")


@pytest.fixture
def frozen(bureau):
    with time_machine.travel(at(2027, 1, 4), tick=False):
        for level in figures.LEVELS:
            tables.snapshot_freeze(DECEMBER, level)
        yield


def test_the_supervisor_revises_a_frozen_month_with_a_reason(frozen, login, supervisor, handler):
    client = login(supervisor)
    page = client.get("/evaluation/", {"period": "2026-12"}).content.decode()
    assert 'data-state="frozen" data-revision="1"' in page and 'data-testid="revise"' in page
    Rating.objects.filter(level=5).update(excluded=True)  # a good rating excluded afterwards
    response = client.post(URL, {"period": "2026-12", "reason": "一条好评经复核剔除"}, follow=True)
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == "/evaluation/?period=2026-12"
    assert 'data-state="frozen" data-revision="2"' in page
    assert "一条好评经复核剔除" in page and supervisor.name in page
    assert set(Snapshot.objects.filter(period="2026-12").values_list("level", "revision")) == {
        ("staff", 1),
        ("staff", 2),
        ("department", 1),
        ("department", 2),
    }
    mine = next(r for r in tables.table(DECEMBER, figures.STAFF).rows if r["id"] == handler.pk)
    assert mine["figures"]["ratings"] == 1


def test_a_revision_needs_a_reason(frozen, login, supervisor):
    response = login(supervisor).post(URL, {"period": "2026-12", "reason": "  "})
    assert response.status_code == 400
    assert "invalid-feedback" in response.content.decode()
    assert Snapshot.objects.filter(revision=2).count() == 0
    assert login(supervisor).post(URL, {"period": "2026-14", "reason": "x"}).status_code == 400


def test_a_live_or_unfrozen_period_is_a_conflict(frozen, login, supervisor):
    client = login(supervisor)
    live = client.post(URL, {"period": "2027-01", "reason": "更正"})
    assert live.status_code == 409 and 'data-testid="conflict"' in live.content.decode()
    unfrozen = client.post(URL, {"period": "2026-11", "reason": "更正"})
    assert unfrozen.status_code == 409
    assert not Snapshot.objects.filter(period__in=["2027-01", "2026-11"]).exists()


def test_roles_anonymous_and_wrong_method(frozen, client, login, chief, handler, supervisor):
    response = client.post(URL, {"period": "2026-12", "reason": "x"})
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert login(chief).post(URL, {"period": "2026-12", "reason": "x"}).status_code == 403
    assert login(handler).post(URL, {"period": "2026-12", "reason": "x"}).status_code == 403
    assert login(supervisor).get(URL).status_code == 405
    chiefs_page = login(chief).get("/evaluation/", {"period": "2026-12"}).content.decode()
    assert 'data-state="frozen"' in chiefs_page and 'data-testid="revise"' not in chiefs_page
    assert Snapshot.objects.filter(revision=2).count() == 0


def test_a_revision_takes_a_bounded_number_of_queries(
    frozen, login, supervisor, django_assert_max_num_queries
):
    client = login(supervisor)
    with django_assert_max_num_queries(160):
        assert client.post(URL, {"period": "2026-12", "reason": "更正"}).status_code == 302
