"""holder-changes/ in the API: list and create scoped by section, approve and reject by the chief."""

import pytest

from abpositions import cover
from abpositions.models import ChangeStatus, HolderChange, HolderRole
from abpositions.services_holders import holder_change_request
from org.roles import Role
from tests.factories import PostFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/holder-changes/"


@pytest.fixture
def newcomer(make_staff):
    return make_staff(Role.HANDLER, name="新人王五", rank=2)


@pytest.fixture
def change(post, newcomer, chief):
    return holder_change_request(
        actor=chief.user, post=post, role=HolderRole.A, proposed=newcomer, reason="岗位调整"
    )


def test_the_chief_creates_and_approves_and_the_new_holder_answers(api, chief, post, newcomer):
    client = api(chief)
    created = client.post(
        URL, {"post": post.pk, "role": "a", "proposed": newcomer.pk, "reason": "岗位调整"}, format="json"
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert (body["status"], body["previous"], body["proposed"]) == ("pending", post.a_holder_id, newcomer.pk)
    approved = client.post(f"{URL}{body['id']}/approve/", {"note": "同意"}, format="json")
    assert approved.status_code == 200
    assert approved.json()["status"] == "approved"
    post.refresh_from_db()
    assert cover.who_answers(post).staff == newcomer


def test_a_second_pending_request_is_409(api, chief, post, change, make_staff):
    response = api(chief).post(
        URL,
        {"post": post.pk, "role": "a", "proposed": make_staff(name="另一人").pk, "reason": "x"},
        format="json",
    )
    assert response.status_code == 409
    assert HolderChange.objects.count() == 1


def test_a_bad_request_is_400_with_the_field(api, chief, post):
    response = api(chief).post(
        URL, {"post": post.pk, "role": "a", "proposed": post.a_holder_id, "reason": "x"}, format="json"
    )
    assert response.status_code == 400
    assert "proposed" in response.json()


def test_the_list_is_scoped_by_section(
    api, chief, other_chief, change, other_department, administrator, django_assert_max_num_queries
):
    elsewhere = PostFactory(department=other_department)
    other = holder_change_request(
        actor=administrator.user,
        post=elsewhere,
        role=HolderRole.B,
        proposed=elsewhere.a_holder,
        reason="轮岗",
    )
    client = api(chief)
    with django_assert_max_num_queries(6):
        mine = client.get(URL).json()
    assert [row["id"] for row in mine["results"]] == [change.pk]
    assert [row["id"] for row in api(other_chief).get(URL).json()["results"]] == [other.pk]
    everyone = api(administrator).get(f"{URL}?status=pending&section={other_department.pk}").json()
    assert [row["id"] for row in everyone["results"]] == [other.pk]
    assert api(other_chief).get(f"{URL}{change.pk}/").status_code == 404


def test_who_may_not(api, handler, administrator, other_chief, change, post, newcomer):
    assert api().get(URL).status_code == 401
    assert api().post(f"{URL}{change.pk}/approve/").status_code == 401
    assert api(handler).get(URL).json()["results"] == []
    payload = {"post": post.pk, "role": "b", "proposed": newcomer.pk, "reason": "x"}
    assert api(handler).post(URL, payload, format="json").status_code == 403
    assert api(other_chief).post(URL, payload, format="json").status_code == 403
    assert api(administrator).post(f"{URL}{change.pk}/approve/").status_code == 403
    assert api(other_chief).post(f"{URL}{change.pk}/approve/").status_code == 404
    assert api(administrator).get(f"{URL}{change.pk}/approve/").status_code == 405
    change.refresh_from_db()
    assert change.status == ChangeStatus.PENDING


def test_the_chief_rejects_with_a_note_and_a_second_decision_is_409(api, chief, change):
    client = api(chief)
    assert client.post(f"{URL}{change.pk}/reject/", {}, format="json").status_code == 400
    rejected = client.post(f"{URL}{change.pk}/reject/", {"note": "人手不足"}, format="json")
    assert rejected.json()["status"] == "rejected"
    assert client.post(f"{URL}{change.pk}/approve/", {}, format="json").status_code == 409
