"""The absence pages: register, my absences, "I am back" and cancel."""

import pytest
import time_machine

from abpositions import cover
from abpositions.models import Absence
from tests.abpositions.conftest import at

pytestmark = pytest.mark.django_db
MINE = "/posts/absences/"
NEW = "/posts/absences/new/"


@pytest.fixture(autouse=True)
def monday_morning():
    with time_machine.travel(at("2026-12-07 08:00"), tick=False):
        yield


def form(**extra):
    return {
        "kind": "trip",
        "start": "2026-12-07T23:30",
        "end": "2026-12-08T08:00",
        "contact": "13800000000",
        "note": "",
        **extra,
    }


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def test_a_holder_registers_a_trip_across_midnight_from_datetime_local_inputs(
    login, a_holder, b_holder, post
):
    client = login(a_holder)
    page = client.get(NEW)
    assert 'type="datetime-local"' in page.content.decode()
    assert "staff" not in page.context["form"].fields  # only the chief picks who
    response = client.post(NEW, form(), follow=True)
    assert response.redirect_chain[-1][0] == MINE
    absence = Absence.objects.get()
    assert (absence.staff, absence.start, absence.end) == (
        a_holder,
        at("2026-12-07 23:30"),
        at("2026-12-08 08:00"),
    )
    assert cover.who_answers(post, at("2026-12-08 07:59")).staff == b_holder
    assert "13800000000" in response.content.decode()


def test_missing_contact_and_reversed_times_stay_on_the_form(login, a_holder):
    response = login(a_holder).post(NEW, form(contact="", end="2026-12-07T09:00"))
    assert response.status_code == 200
    assert set(response.context["form"].errors) >= {"contact"}
    response = login(a_holder).post(NEW, form(end="2026-12-07T22:00"))
    assert "end" in response.context["form"].errors
    assert not Absence.objects.exists()


def test_both_away_is_refused_on_the_form_naming_the_post(login, away, a_holder, b_holder, post):
    away(a_holder, "2026-12-07 09:00", "2026-12-08 18:00")
    response = login(b_holder).post(NEW, form())
    assert response.status_code == 200
    assert "许可审查岗" in response.content.decode()
    assert not Absence.objects.filter(staff=b_holder).exists()


def test_the_chief_picks_the_staff_member_and_a_cover(login, away, chief, a_holder, b_holder, handler, post):
    away(a_holder, "2026-12-07 09:00", "2026-12-08 18:00")
    client = login(chief)
    assert set(client.get(NEW).context["form"].fields) >= {"staff", "cover", "chief_keeps"}
    client.post(NEW, form(staff=b_holder.pk, cover=handler.pk))
    absence = Absence.objects.get(staff=b_holder)
    assert absence.cover == handler and absence.registered_by == chief.user


def test_the_chief_may_only_pick_their_section(login, chief, other_chief, make_staff):
    outsider = make_staff(department=other_chief.department, name="外科室")
    response = login(chief).post(NEW, form(staff=outsider.pk))
    assert "staff" in response.context["form"].errors


def test_anonymous_is_sent_to_login(client):
    for url in (MINE, NEW):
        assert client.get(url)["Location"].startswith("/accounts/login/")


def test_a_login_without_staff_record_is_refused(client, django_user_model):
    user = django_user_model.objects.create_user("nobody", password="x")
    client.force_login(user)
    assert client.get(MINE).status_code == 403
    assert client.get(NEW).status_code == 403


def test_i_am_back_ends_it_now_and_b_no_longer_answers(login, away, a_holder, b_holder, post):
    absence = away(a_holder, "2026-12-07 07:00", "2026-12-08 18:00")
    client = login(a_holder)
    assert "我已返岗" in client.get(MINE, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert client.get(f"{MINE}{absence.pk}/end/").status_code == 405
    response = client.post(f"{MINE}{absence.pk}/end/", follow=True)
    absence.refresh_from_db()
    assert absence.ended_early_at == at("2026-12-07 08:00")
    assert cover.who_answers(post).staff == a_holder
    assert [m.level_tag for m in response.context["messages"]] == ["success"]
    # Twice: refused with a message, not a 500.
    response = client.post(f"{MINE}{absence.pk}/end/", follow=True)
    assert response.status_code == 200
    assert [m.level_tag for m in response.context["messages"]][-1] == "error"


def test_cancel_a_coming_one_but_not_a_begun_one(login, away, a_holder):
    coming = away(a_holder, "2026-12-09 09:00", "2026-12-09 18:00")
    begun = away(a_holder, "2026-12-07 07:00", "2026-12-07 18:00")
    client = login(a_holder)
    client.post(f"{MINE}{coming.pk}/cancel/")
    coming.refresh_from_db()
    assert coming.cancelled_at is not None
    response = client.post(f"{MINE}{begun.pk}/cancel/", follow=True)
    begun.refresh_from_db()
    assert begun.cancelled_at is None
    assert [m.level_tag for m in response.context["messages"]][-1] == "error"


def test_the_chief_sees_the_section_s_absences_and_ends_one(login, away, chief, a_holder):
    absence = away(a_holder, "2026-12-07 07:00", "2026-12-08 18:00")
    client = login(chief)
    assert client.get(MINE).context["section"] == [absence]
    client.post(f"{MINE}{absence.pk}/end/")
    absence.refresh_from_db()
    assert absence.ended_early_at is not None


def test_others_may_not_end_it(login, away, a_holder, b_holder, other_chief, supervisor):
    absence = away(a_holder, "2026-12-07 07:00", "2026-12-08 18:00")
    assert login(b_holder).post(f"{MINE}{absence.pk}/end/").status_code == 404
    assert login(other_chief).post(f"{MINE}{absence.pk}/end/").status_code == 404
    assert login(supervisor).post(f"{MINE}{absence.pk}/end/").status_code == 403
    absence.refresh_from_db()
    assert absence.ended_early_at is None


def test_my_absences_query_count(login, away, chief, make_staff, django_assert_max_num_queries):
    for n in range(15):
        away(make_staff(name=f"人员{n}"), "2026-12-07 07:00", "2026-12-08 18:00", cover=chief)
        away(chief, f"2026-12-{10 + n:02d} 09:00", f"2026-12-{10 + n:02d} 10:00")
    client = login(chief)
    with django_assert_max_num_queries(12):
        response = client.get(MINE)
    assert len(response.context["mine"]) == 15 and len(response.context["section"]) == 15


def test_others_may_not_cancel_it(login, away, a_holder, b_holder, other_chief, supervisor):
    absence = away(a_holder, "2026-12-09 09:00", "2026-12-10 18:00")
    assert login(b_holder).post(f"{MINE}{absence.pk}/cancel/").status_code == 404
    assert login(other_chief).post(f"{MINE}{absence.pk}/cancel/").status_code == 404
    assert login(supervisor).post(f"{MINE}{absence.pk}/cancel/").status_code == 403
    absence.refresh_from_db()
    assert absence.cancelled_at is None
