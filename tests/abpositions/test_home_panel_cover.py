"""The home panel of a person who covers now, or who is away."""

import pytest
import time_machine

from abpositions import work
from abpositions.models import Absence
from abpositions.work import WorkSource
from tests.abpositions.conftest import at

pytestmark = pytest.mark.django_db
HOME = "/"


@pytest.fixture(autouse=True)
def monday_morning():
    with time_machine.travel(at("2026-12-07 10:00"), tick=False):
        yield


@pytest.fixture
def a_s_open_work(monkeypatch, a_holder):
    """A work source as deadlines would register it: A has three open matters."""
    source = WorkSource(
        key="tests",
        label="在办",
        open_for=lambda staff: Absence.objects.filter(staff=staff),
        list_url=lambda staff: f"/cases/?handler={staff.pk}",
    )
    monkeypatch.setattr(work, "_sources", {"tests": source})
    return source


def panel(response):
    html = response.content.decode()
    if 'data-panel="abpositions.cover"' not in html:
        return ""
    start = html.index('data-panel="abpositions.cover"')
    return html[start : html.index("</section>", start)]


def test_b_sees_whom_they_cover_until_when_with_a_s_open_work(
    login, away, a_holder, b_holder, post, a_s_open_work
):
    away(a_holder, "2026-12-07 09:00", "2026-12-08 18:00")
    away(a_holder, "2026-12-10 09:00", "2026-12-10 18:00")
    away(a_holder, "2026-12-11 09:00", "2026-12-11 18:00")
    shown = panel(login(b_holder).get(HOME, HTTP_ACCEPT_LANGUAGE="zh-hans"))
    assert "代岗" in shown and "A岗张三 离岗至 12-08 18:00" in shown
    assert "许可审查岗" in shown
    assert 'data-testid="open-count">3<' in shown
    assert f"/cases/?handler={a_holder.pk}" in shown


def test_with_no_work_source_registered_no_count_is_shown(login, away, a_holder, b_holder, post, monkeypatch):
    monkeypatch.setattr(work, "_sources", {})
    away(a_holder, "2026-12-07 09:00", "2026-12-08 18:00")
    shown = panel(login(b_holder).get(HOME))
    assert "A岗张三" in shown and "open-count" not in shown


def test_the_absent_sees_their_absence_and_i_am_back(login, away, a_holder, post):
    absence = away(a_holder, "2026-12-07 09:00", "2026-12-08 18:00")
    client = login(a_holder)
    shown = panel(client.get(HOME, HTTP_ACCEPT_LANGUAGE="zh-hans"))
    assert "12-08 18:00" in shown and "我已返岗" in shown
    assert f"/posts/absences/{absence.pk}/end/" in shown
    response = client.post(f"/posts/absences/{absence.pk}/end/", {"next": "/"})
    assert response["Location"] == "/"
    absence.refresh_from_db()
    assert absence.ended_early_at is not None


def test_nobody_away_no_panel(login, a_holder, b_holder, post):
    assert panel(login(b_holder).get(HOME)) == ""
    assert panel(login(a_holder).get(HOME)) == ""
