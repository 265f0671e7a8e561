"""``notices/{id}/visits/`` and ``notices/{id}/open-case/``: the return visit in the API."""

import pytest

from deadlines.models import Case
from notifications.models import NoticeFailure, NoticeVisit
from org.roles import Role
from tests.notifications.conftest import material


def visits(notice):
    return f"/api/v1/notices/{notice.pk}/visits/"


def test_a_visit_records_what_was_brought(api, handler, notice, food_item):
    licence = material(food_item, "营业执照").pk
    response = api(handler).post(
        visits(notice), {"brought": [licence], "note": "平面图下周补"}, format="json"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["brought"] == [licence]
    assert body["complete"] is False
    assert body["recorded_by"] == handler.pk
    assert body["failures"] == []
    listed = api(handler).get(visits(notice)).json()
    assert [v["id"] for v in listed["results"]] == [body["id"]]
    row = next(
        m
        for m in api(handler).get(f"/api/v1/notices/{notice.pk}/").json()["missing_materials"]
        if m["id"] == licence
    )
    assert row["brought_at"] == "2026-11-10T10:00:00+08:00"


def test_an_unlisted_demand_by_a_handler_is_400_naming_the_material(api, handler, notice, food_item):
    response = api(handler).post(
        visits(notice),
        {
            "brought": [material(food_item, "营业执照").pk],
            "demanded": [{"name": "房屋租赁合同"}],
            "override_reason": "x",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "房屋租赁合同" in response.json()["demanded"][0]
    assert not NoticeVisit.objects.exists()
    assert not NoticeFailure.objects.exists()


def test_a_catalogue_material_not_listed_is_refused_too(api, handler, notice, food_item):
    id_card = material(food_item, "法定代表人身份证").pk
    response = api(handler).post(visits(notice), {"demanded": [{"material": id_card}]}, format="json")
    assert response.status_code == 400
    assert "法定代表人身份证" in response.json()["demanded"][0]


def test_the_chief_with_a_reason_gets_201_and_the_failure_is_recorded(
    api, chief, front_desk, notice, food_item
):
    id_card = material(food_item, "法定代表人身份证").pk
    response = api(chief).post(
        visits(notice),
        {
            "demanded": [{"material": id_card}, {"name": "房屋租赁合同"}],
            "override_reason": "身份证复印件模糊，经营场所为租赁",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    failures = response.json()["failures"]
    assert {f["name"] for f in failures} == {"法定代表人身份证", "房屋租赁合同"}
    assert {f["staff"] for f in failures} == {front_desk.pk}
    assert {f["overridden_by"] for f in failures} == {chief.pk}
    assert NoticeFailure.objects.filter(staff=front_desk).count() == 2
    assert api(chief).get(f"/api/v1/notices/{notice.pk}/").json()["failures"] == 2


def test_the_chief_without_a_reason_gets_400(api, chief, notice):
    response = api(chief).post(visits(notice), {"demanded": [{"name": "房屋租赁合同"}]}, format="json")
    assert response.status_code == 400
    assert "override_reason" in response.json()


@pytest.mark.parametrize(
    "payload",
    [{}, {"brought": ["x"]}, {"brought": [999999]}, {"demanded": [{}]}, {"demanded": "房屋租赁合同"}],
    ids=["nothing", "not a number", "unknown", "an empty demand", "not a list"],
)
def test_bad_input_is_400(payload, api, handler, notice):
    assert api(handler).post(visits(notice), payload, format="json").status_code == 400
    assert not NoticeVisit.objects.exists()


def test_who_may_record_a_visit(
    api, notice, supervisor, other_chief, make_staff, other_department, food_item
):
    body = {"brought": [material(food_item, "营业执照").pk]}
    assert api().post(visits(notice), body, format="json").status_code == 401
    assert api(supervisor).post(visits(notice), body, format="json").status_code == 403
    assert api(other_chief).post(visits(notice), body, format="json").status_code == 404
    desk_elsewhere = make_staff(Role.FRONT_DESK, department=other_department)
    assert api(desk_elsewhere).post(visits(notice), body, format="json").status_code == 201


def test_completing_twice_is_409(api, handler, front_desk, notice):
    missing = [row.material_id for row in notice.materials.filter(missing=True)]
    first = api(handler).post(visits(notice), {"brought": missing}, format="json")
    assert first.status_code == 201 and first.json()["complete"] is True
    second = api(front_desk).post(visits(notice), {"note": "又来了"}, format="json")
    assert second.status_code == 409


def test_a_complete_notice_opens_its_case(api, handler, front_desk, notice):
    missing = [row.material_id for row in notice.materials.filter(missing=True)]
    url = f"/api/v1/notices/{notice.pk}/open-case/"
    assert api(front_desk).post(url, {"handler": handler.pk}, format="json").status_code == 409
    api(handler).post(visits(notice), {"brought": missing}, format="json")
    assert api(handler).post(url, {"handler": handler.pk}, format="json").status_code == 403
    response = api(front_desk).post(url, {"handler": handler.pk}, format="json")
    assert response.status_code == 201, response.content
    case = Case.objects.get()
    assert response.json()["id"] == case.pk
    assert response.json()["number"] == case.number
    assert api(front_desk).get(f"/api/v1/notices/{notice.pk}/").json()["case"] == case.pk
    assert api(front_desk).post(url, {"handler": handler.pk}, format="json").status_code == 409


def test_who_may_read_the_visits(api, notice, handler, supervisor, other_chief, administrator):
    handler_visit = api(handler).post(visits(notice), {"note": "来过，未带材料"}, format="json").json()
    assert api().get(visits(notice)).status_code == 401
    assert api(other_chief).get(visits(notice)).status_code == 404
    assert api(administrator).get(visits(notice)).status_code == 404
    body = api(supervisor).get(visits(notice)).json()
    assert [v["id"] for v in body["results"]] == [handler_visit["id"]]


def test_who_may_open_the_case(api, notice, handler, front_desk, supervisor, other_chief, administrator):
    missing = [row.material_id for row in notice.materials.filter(missing=True)]
    api(handler).post(visits(notice), {"brought": missing}, format="json")
    url = f"/api/v1/notices/{notice.pk}/open-case/"
    body = {"handler": handler.pk}
    assert api().post(url, body, format="json").status_code == 401
    assert api(other_chief).post(url, body, format="json").status_code == 404
    assert api(administrator).post(url, body, format="json").status_code == 404
    assert api(supervisor).post(url, body, format="json").status_code == 403  # sees it, opens no case
    assert api(front_desk).get(url).status_code == 405
    assert not Case.objects.exists()
