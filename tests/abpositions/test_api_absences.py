"""absences/, absences/{id}/end/ and cancel/, and me/ in the API."""

import pytest
import time_machine

from abpositions.models import Absence
from tests.abpositions.conftest import at

pytestmark = pytest.mark.django_db
LIST = "/api/v1/absences/"
ME = "/api/v1/me/"


@pytest.fixture(autouse=True)
def monday_morning():
    with time_machine.travel(at("2026-12-07 08:00"), tick=False):
        yield


def trip(**extra):
    return {
        "kind": "trip",
        "start": "2026-12-07T23:30+08:00",
        "end": "2026-12-08T08:00+08:00",
        "contact": "13800000000",
        **extra,
    }


def test_a_holder_registers_their_own_trip(api, a_holder, post):
    response = api(a_holder).post(LIST, trip(note="赴省厅"), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["staff"] == a_holder.pk and body["contact"] == "13800000000"
    assert body["start"] == "2026-12-07T23:30:00+08:00"
    assert Absence.objects.get().note == "赴省厅"


def test_the_contact_is_required(api, a_holder):
    response = api(a_holder).post(LIST, trip(contact=""), format="json")
    assert response.status_code == 400
    assert "contact" in response.json()


def test_both_away_is_400_naming_the_post_in_chinese(api, away, a_holder, b_holder, post):
    away(a_holder, "2026-12-07 09:00", "2026-12-08 18:00")
    response = api(b_holder).post(LIST, trip(), format="json")
    assert response.status_code == 400
    assert "许可审查岗" in str(response.json())
    assert "同时离岗" in str(response.json())


def test_the_chief_registers_for_a_holder_with_a_cover(api, away, chief, a_holder, b_holder, handler, post):
    away(a_holder, "2026-12-07 09:00", "2026-12-08 18:00")
    response = api(chief).post(LIST, trip(staff=b_holder.pk, cover=handler.pk), format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["cover"] == handler.pk


def test_a_handler_may_not_name_a_cover_or_register_for_another(api, a_holder, b_holder, handler):
    client = api(a_holder)
    assert client.post(LIST, trip(cover=handler.pk), format="json").status_code == 403
    assert client.post(LIST, trip(staff=b_holder.pk), format="json").status_code == 403
    assert not Absence.objects.exists()


def test_the_chief_of_another_section_may_not_register_and_does_not_see(api, away, other_chief, a_holder):
    assert api(other_chief).post(LIST, trip(staff=a_holder.pk), format="json").status_code == 403
    absence = away(a_holder, "2026-12-07 09:00", "2026-12-08 18:00")
    client = api(other_chief)
    assert client.get(LIST).json()["count"] == 0
    assert client.get(f"{LIST}{absence.pk}/").status_code == 404
    assert client.post(f"{LIST}{absence.pk}/end/").status_code == 404


def test_anonymous_is_401(api, a_holder):
    assert api().get(LIST).status_code == 401
    assert api().post(LIST, trip(), format="json").status_code == 401
    assert api().get(ME).status_code == 401


def test_lists_are_scoped_and_filtered(
    api, away, a_holder, b_holder, chief, supervisor, other_chief, make_staff
):
    outsider = make_staff(department=other_chief.department, name="外科室")
    away(a_holder, "2026-12-07 07:00", "2026-12-08 18:00")
    away(b_holder, "2026-12-09 09:00", "2026-12-09 18:00")
    away(outsider, "2026-12-07 07:00", "2026-12-07 18:00")
    assert api(a_holder).get(LIST).json()["count"] == 1
    assert api(chief).get(LIST).json()["count"] == 2
    assert api(supervisor).get(LIST).json()["count"] == 3
    assert api(chief).get(LIST, {"current": "true"}).json()["count"] == 1
    assert api(chief).get(LIST, {"staff": b_holder.pk}).json()["results"][0]["staff"] == b_holder.pk


def test_end_is_post_only_then_409_once_over(api, away, a_holder, b_holder):
    absence = away(a_holder, "2026-12-07 07:00", "2026-12-08 18:00")
    client = api(a_holder)
    assert client.get(f"{LIST}{absence.pk}/end/").status_code == 405
    response = client.post(f"{LIST}{absence.pk}/end/")
    assert response.status_code == 200
    assert response.json()["ended_early_at"] == "2026-12-07T08:00:00+08:00"
    assert client.post(f"{LIST}{absence.pk}/end/").status_code == 409


def test_b_may_see_nothing_of_a_s_absence_and_the_chief_may_end_it(api, away, a_holder, b_holder, chief):
    absence = away(a_holder, "2026-12-07 07:00", "2026-12-08 18:00")
    assert api(b_holder).post(f"{LIST}{absence.pk}/end/").status_code == 404
    assert api(chief).post(f"{LIST}{absence.pk}/end/").status_code == 200


def test_a_supervisor_sees_but_may_not_end(api, away, a_holder, supervisor):
    absence = away(a_holder, "2026-12-07 07:00", "2026-12-08 18:00")
    assert api(supervisor).post(f"{LIST}{absence.pk}/end/").status_code == 403


def test_cancel_before_it_begins_and_409_after(api, away, a_holder):
    coming = away(a_holder, "2026-12-09 09:00", "2026-12-09 18:00")
    begun = away(a_holder, "2026-12-07 07:00", "2026-12-07 18:00")
    client = api(a_holder)
    assert client.post(f"{LIST}{coming.pk}/cancel/").status_code == 200
    assert client.post(f"{LIST}{begun.pk}/cancel/").status_code == 409


def test_list_query_count_does_not_grow(api, away, chief, make_staff, django_assert_max_num_queries):
    for n in range(20):
        person = make_staff(name=f"人员{n}")
        away(person, "2026-12-07 07:00", f"2026-12-{8 + n % 5:02d} 18:00", cover=chief)
    client = api(chief)
    with django_assert_max_num_queries(6):
        assert client.get(LIST).json()["count"] == 20


def test_me_says_the_posts_held_and_whom_i_cover_now(api, away, a_holder, b_holder, post):
    body = api(b_holder).get(ME).json()
    assert (body["id"], body["posts_a"], body["posts_b"], body["covering"]) == (
        b_holder.pk,
        [],
        [post.pk],
        [],
    )
    away(a_holder, "2026-12-07 07:00", "2026-12-08 18:00")
    body = api(b_holder).get(ME).json()
    assert body["covering"] == [
        {
            "post": post.pk,
            "post_name": "许可审查岗",
            "staff": a_holder.pk,
            "basis": "b",
            "until": "2026-12-08T18:00:00+08:00",
        }
    ]
    assert api(a_holder).get(ME).json()["posts_a"] == [post.pk]


def test_me_is_get_only_with_few_queries(api, b_holder, post, django_assert_max_num_queries):
    client = api(b_holder)
    assert client.post(ME).status_code == 405
    with django_assert_max_num_queries(9):
        assert client.get(ME).status_code == 200


def test_others_may_not_cancel_it(api, away, a_holder, b_holder, other_chief, supervisor):
    absence = away(a_holder, "2026-12-09 09:00", "2026-12-10 18:00")
    assert api(b_holder).post(f"{LIST}{absence.pk}/cancel/").status_code == 404
    assert api(other_chief).post(f"{LIST}{absence.pk}/cancel/").status_code == 404
    assert api(supervisor).post(f"{LIST}{absence.pk}/cancel/").status_code == 403
    absence.refresh_from_db()
    assert absence.cancelled_at is None
