"""The chief's queue (/posts/queue/): holder changes, uncovered posts, consents and handovers waiting."""

import pytest
import time_machine

from abpositions.models import CoverConsent, Handover, HolderRole
from abpositions.services_holders import holder_change_request
from org.roles import Role
from tests.abpositions.conftest import at
from tests.factories import PostFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def now():
    with time_machine.travel(at("2026-12-08 10:00"), tick=False):
        yield


def test_the_queue_shows_what_waits_for_the_chief(
    login, chief, post, a_holder, b_holder, make_staff, away, other_department, django_assert_max_num_queries
):
    newcomer = make_staff(Role.HANDLER, name="新人王五")
    change = holder_change_request(
        actor=chief.user, post=post, role=HolderRole.B, proposed=newcomer, reason="岗位调整"
    )
    trip = away(a_holder, "2026-12-07 09:00", "2026-12-09 18:00")
    away(b_holder, "2026-12-08 09:00", "2026-12-08 18:00")
    consent = CoverConsent.objects.create(
        absence=trip,
        subject_type="deadlines.case",
        subject_id="7",
        subject_label="202612070001 食品经营许可",
        cover=b_holder,
    )
    handover = Handover.objects.create(
        absence=trip, holder=a_holder, cover=b_holder, acknowledge_by=at("2026-12-10 00:00").date()
    )
    # Another section's matters are not this chief's.
    elsewhere = PostFactory(department=other_department)
    away(elsewhere.a_holder, "2026-12-07 09:00", "2026-12-09 18:00")
    away(elsewhere.b_holder, "2026-12-07 09:00", "2026-12-09 18:00")
    client = login(chief)
    with django_assert_max_num_queries(14):
        page = client.get("/posts/queue/")
    assert page.context["changes"] == [change]
    assert [answer.post for answer in page.context["uncovered"]] == [post]
    assert page.context["consents"] == [consent]
    assert page.context["handovers"] == [handover]
    text = page.content.decode()
    assert "202612070001 食品经营许可" in text
    assert "新人王五" in text
    # Each row opens the page where the chief acts on it.
    assert f'href="/posts/consent/{consent.pk}/"' in text
    assert f'href="/posts/handovers/{handover.pk}/"' in text


def test_an_empty_queue_says_so(login, chief, post):
    page = login(chief).get("/posts/queue/")
    assert page.status_code == 200
    assert (page.context["changes"], page.context["uncovered"]) == ([], [])


def test_the_queue_is_for_section_chiefs(client, login, handler, supervisor, administrator):
    assert client.get("/posts/queue/")["Location"].startswith("/accounts/login/")
    for refused in (handler, supervisor, administrator):
        assert login(refused).get("/posts/queue/").status_code == 403


def test_the_queue_answers_get_only(login, chief):
    assert login(chief).post("/posts/queue/").status_code == 405


def test_the_chiefs_menu_links_the_queue(login, chief, handler):
    assert 'href="/posts/queue/"' in login(chief).get("/").content.decode()
    assert 'href="/posts/queue/"' not in login(handler).get("/").content.decode()
