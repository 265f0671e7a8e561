"""The notices API: ``notices/``, ``notices/{id}/`` and ``notices/{id}/pdf/``."""

import pytest

from deadlines.services import case_open
from inquiries.models import InquiryStatus
from notifications.models import Notice, NoticeKind
from org.roles import Role
from tests.notifications.conftest import material

LIST = "/api/v1/notices/"


def detail(notice):
    return f"{LIST}{notice.pk}/"


def missing_ids(item, *names):
    return [material(item, name).pk for name in names]


def test_no_credentials_is_401_everywhere(api, notice):
    client = api()
    assert client.get(LIST).status_code == 401
    assert client.get(detail(notice)).status_code == 401
    assert client.post(LIST, {}, format="json").status_code == 401
    assert client.get(f"{detail(notice)}pdf/").status_code == 401
    assert client.post(f"{detail(notice)}visits/", {}, format="json").status_code == 401


def test_a_login_that_is_no_member_of_staff_is_403_everywhere(api, notice, inquiry):
    from rest_framework.test import APIClient

    from apitokens.models import ApiToken
    from tests.factories import UserFactory

    client = APIClient()
    client.credentials(
        HTTP_AUTHORIZATION=f"Token {ApiToken.objects.create(user=UserFactory(), name='tests')[1]}"
    )
    assert client.get(LIST).status_code == 403
    assert client.post(LIST, {"inquiry": inquiry.pk}, format="json").status_code == 403
    for action in ("", "pdf/", "visits/"):
        assert client.get(f"{detail(notice)}{action}").status_code == 403
    assert client.post(f"{detail(notice)}visits/", {"note": "来过"}, format="json").status_code == 403
    assert client.post(f"{detail(notice)}open-case/", {}, format="json").status_code == 403
    assert not Notice.objects.exclude(pk=notice.pk).exists()


def test_the_wrong_method_is_405(api, front_desk, notice):
    client = api(front_desk)
    assert client.delete(detail(notice)).status_code == 405
    assert client.put(detail(notice), {}, format="json").status_code == 405
    assert client.post(f"{detail(notice)}pdf/").status_code == 405


def test_create_from_an_inquiry_with_the_missing_materials(api, front_desk, inquiry, food_item):
    response = api(front_desk).post(
        LIST,
        {
            "service_item": food_item.pk,
            "inquiry": inquiry.pk,
            "missing_materials": missing_ids(food_item, "营业执照", "经营场所平面布局图"),
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    notice = Notice.objects.get()
    assert body["id"] == notice.pk
    assert body["number"] == notice.number == "GZ202611100001"
    assert body["kind"] == "missing"
    assert body["status"] == "open"
    assert body["service_item"] == food_item.pk
    assert body["item_version"] == food_item.current_id
    assert body["inquiry"] == inquiry.pk and body["case"] is None
    assert body["issued_by"] == front_desk.pk
    assert body["issued_at"] == "2026-11-10T10:00:00+08:00"
    assert [(m["id"], m["name"]) for m in body["missing_materials"]] == [
        (material(food_item, "营业执照").pk, "营业执照"),
        (material(food_item, "经营场所平面布局图").pk, "经营场所平面布局图"),
    ]
    assert body["missing_materials"][0]["brought_at"] is None
    assert sorted(body["brought_at_issue"]) == sorted(
        missing_ids(food_item, "食品经营许可申请书", "法定代表人身份证")
    )
    assert body["visitor_phone"] == "138****5678"  # whole only in the notice's own GET, where it is logged
    inquiry.refresh_from_db()
    assert inquiry.status == InquiryStatus.NOTICE


def test_create_on_a_case_takes_the_case_item(api, handler, food_item):
    case = case_open(actor=handler.user, service_item=food_item, applicant_name="王先生")
    response = api(handler).post(
        LIST, {"case": case.pk, "missing_materials": missing_ids(food_item, "营业执照")}, format="json"
    )
    assert response.status_code == 201, response.content
    assert response.json()["case"] == case.pk
    assert response.json()["service_item"] == food_item.pk


def test_create_not_acceptable(api, front_desk, inquiry, food_item):
    client = api(front_desk)
    response = client.post(LIST, {"inquiry": inquiry.pk, "kind": "not_acceptable"}, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"reason", "rule"}
    response = client.post(
        LIST,
        {
            "inquiry": inquiry.pk,
            "kind": "not_acceptable",
            "reason": "不属于本局职责",
            "rule": "《某某条例》第三条",
        },
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["status"] == "closed"
    assert response.json()["kind"] == NoticeKind.NOT_ACCEPTABLE
    assert response.json()["missing_materials"] == []


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"missing_materials": [999999]}, "missing_materials"),
        ({"missing_materials": ["x"]}, "missing_materials"),
        ({"missing_materials": []}, "missing_materials"),
        ({}, "missing_materials"),
        ({"kind": "other", "missing_materials": [1]}, "kind"),
        ({"inquiry": 999999, "missing_materials": [1]}, "inquiry"),
        ({"inquiry": None, "missing_materials": [1]}, "inquiry"),
    ],
)
def test_bad_input_is_400_with_the_field(payload, field, api, front_desk, inquiry, food_item):
    body = {"service_item": food_item.pk, "inquiry": inquiry.pk, **payload}
    response = api(front_desk).post(LIST, body, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert not Notice.objects.exists()


def test_a_role_that_never_issues_is_403(api, supervisor, administrator, inquiry, food_item):
    for staff in (supervisor, administrator):
        response = api(staff).post(LIST, {"inquiry": inquiry.pk, "missing_materials": []}, format="json")
        assert response.status_code == 403


def test_an_inquiry_the_user_cannot_see_is_400_and_one_they_cannot_answer_is_403(
    api, log_inquiry, handler, front_desk, food_item, make_staff, other_department
):
    inquiry = log_inquiry(asked=[handler, front_desk], actor=handler, service_item=food_item)
    body = {"inquiry": inquiry.pk, "missing_materials": missing_ids(food_item, "营业执照")}
    stranger = make_staff(Role.FRONT_DESK, department=other_department)
    assert api(stranger).post(LIST, body, format="json").status_code == 400
    assert api(front_desk).post(LIST, body, format="json").status_code == 403
    assert not Notice.objects.exists()


def test_a_second_notice_for_the_matter_is_409(api, front_desk, inquiry, food_item, notice):
    response = api(front_desk).post(
        LIST, {"inquiry": inquiry.pk, "missing_materials": missing_ids(food_item, "营业执照")}, format="json"
    )
    assert response.status_code == 409
    assert notice.number in response.json()["detail"]


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("front_desk", 200),
        ("handler", 200),
        ("chief", 200),
        ("supervisor", 200),
        ("other_chief", 404),
        ("administrator", 404),
    ],
)
def test_who_may_read_a_notice(role, status, request, api, notice):
    assert api(request.getfixturevalue(role)).get(detail(notice)).status_code == status


@pytest.mark.parametrize(
    ("role", "count"), [("front_desk", 1), ("supervisor", 1), ("other_chief", 0), ("administrator", 0)]
)
def test_the_list_holds_the_visible_notices(role, count, request, api, notice):
    body = api(request.getfixturevalue(role)).get(LIST).json()
    assert body["count"] == count


def test_the_list_filters(api, supervisor, notice):
    client = api(supervisor)
    assert client.get(LIST, {"status": "open"}).json()["count"] == 1
    assert client.get(LIST, {"status": "complete"}).json()["count"] == 0
    assert client.get(LIST, {"number": notice.number}).json()["count"] == 1
    assert client.get(LIST, {"status": "nonsense"}).status_code == 400


def test_the_phone_is_masked_for_whoever_is_not_involved(api, supervisor, notice):
    assert api(supervisor).get(detail(notice)).json()["visitor_phone"] == "138****5678"


def test_the_list_costs_a_bounded_number_of_queries(
    api, supervisor, issue, log_inquiry, front_desk, food_item, django_assert_max_num_queries
):
    from inquiries.models import InquiryKind

    for _ in range(5):
        inquiry = log_inquiry(asked=[front_desk], kind=InquiryKind.APPLICATION, service_item=food_item)
        issue(inquiry=inquiry, brought=["营业执照"])
    client = api(supervisor)
    with django_assert_max_num_queries(10):
        body = client.get(LIST).json()
    assert body["count"] == 5


def test_the_pdf(api, front_desk, notice, pdf_font):
    response = api(front_desk).get(f"{detail(notice)}pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response["Content-Disposition"] == f'inline; filename="{notice.number}.pdf"'


def test_the_pdf_may_be_asked_for_by_its_media_type(api, front_desk, notice, pdf_font):
    response = api(front_desk).get(f"{detail(notice)}pdf/", HTTP_ACCEPT="application/pdf")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_the_pdf_of_a_notice_out_of_sight_is_404(api, other_chief, notice):
    assert api(other_chief).get(f"{detail(notice)}pdf/").status_code == 404
