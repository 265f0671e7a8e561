"""Issuing a notice from the page: from an inquiry or a case, the materials ticked as brought."""

import pytest

from deadlines.services import case_open
from inquiries.models import InquiryStatus
from notifications.models import Notice, NoticeStatus
from org.roles import Role
from tests.notifications.conftest import material

URL = "/notices/new/"


def post(client, **data):
    return client.post(URL, data)


def test_anonymous_is_sent_to_login(client, inquiry):
    assert client.get(URL, {"inquiry": inquiry.pk})["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("role", ["supervisor", "administrator"])
def test_who_never_issues_gets_403(role, request, login, inquiry):
    assert login(request.getfixturevalue(role)).get(URL, {"inquiry": inquiry.pk}).status_code == 403


def test_without_a_source_the_page_offers_my_inquiries_and_cases(login, front_desk, inquiry):
    response = login(front_desk).get(URL)
    assert response.status_code == 200
    assert [i.pk for i in response.context["inquiries"]] == [inquiry.pk]
    assert f'data-inquiry="{inquiry.pk}"' in response.content.decode()


def test_the_form_lists_the_materials_of_the_version_in_force(login, front_desk, inquiry, food_item):
    response = login(front_desk).get(URL, {"inquiry": inquiry.pk})
    assert response.status_code == 200
    page = response.content.decode()
    for row in food_item.current.materials.all():
        assert f'data-material="{row.pk}"' in page
    assert response.context["version"] == food_item.current


def test_ticking_what_was_brought_issues_the_notice(login, front_desk, inquiry, food_item):
    brought = [material(food_item, "食品经营许可申请书").pk, material(food_item, "法定代表人身份证").pk]
    response = post(
        login(front_desk), inquiry=inquiry.pk, service_item=food_item.pk, kind="missing", brought=brought
    )
    notice = Notice.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/notices/{notice.pk}/"
    assert [row.name for row in notice.materials.filter(missing=True)] == ["营业执照", "经营场所平面布局图"]
    inquiry.refresh_from_db()
    assert inquiry.status == InquiryStatus.NOTICE


def test_an_inquiry_without_an_item_chooses_one_first(login, front_desk, log_inquiry, food_item):
    inquiry = log_inquiry(asked=[front_desk])
    client = login(front_desk)
    response = client.get(URL, {"inquiry": inquiry.pk})
    assert response.status_code == 200
    assert "form" not in response.context
    response = client.get(URL, {"inquiry": inquiry.pk, "service_item": food_item.pk})
    assert response.context["item"] == food_item
    response = post(client, inquiry=inquiry.pk, service_item=food_item.pk, kind="missing")
    assert response.status_code == 302
    assert Notice.objects.get().materials.filter(missing=True).count() == 4


def test_not_acceptable_without_reason_and_rule_is_a_form_error(login, front_desk, inquiry, food_item):
    response = post(login(front_desk), inquiry=inquiry.pk, service_item=food_item.pk, kind="not_acceptable")
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"reason", "rule"}
    assert not Notice.objects.exists()
    inquiry.refresh_from_db()
    assert inquiry.status == InquiryStatus.OPEN


def test_not_acceptable_with_reason_and_rule(login, front_desk, inquiry, food_item):
    response = post(
        login(front_desk),
        inquiry=inquiry.pk,
        service_item=food_item.pk,
        kind="not_acceptable",
        reason="经营场所位于居民住宅楼内",
        rule="《食品经营许可和备案管理办法》第十条",
    )
    assert response.status_code == 302
    assert Notice.objects.get().status == NoticeStatus.CLOSED


@pytest.mark.parametrize(
    "data",
    [
        {"kind": "missing", "brought": ["99999"]},
        {"kind": "missing", "brought": ["abc"]},
        {"kind": "nonsense"},
        {"kind": "missing", "brought": "all"},
    ],
    ids=["unknown material", "not a number", "unknown kind", "a bad list"],
)
def test_bad_input_is_a_form_error_and_writes_nothing(data, login, front_desk, inquiry, food_item):
    response = post(login(front_desk), inquiry=inquiry.pk, service_item=food_item.pk, **data)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Notice.objects.exists()


def test_everything_brought_is_a_form_error(login, front_desk, inquiry, food_item):
    everything = list(food_item.current.materials.values_list("pk", flat=True))
    response = post(
        login(front_desk), inquiry=inquiry.pk, service_item=food_item.pk, kind="missing", brought=everything
    )
    assert response.status_code == 200
    assert response.context["form"].errors["brought"]
    assert not Notice.objects.exists()


def test_a_second_notice_for_the_same_matter_is_refused_on_the_form(
    login, front_desk, inquiry, food_item, notice
):
    response = post(login(front_desk), inquiry=inquiry.pk, service_item=food_item.pk, kind="missing")
    assert response.status_code == 200
    assert notice.number in " ".join(response.context["form"].non_field_errors())
    assert Notice.objects.count() == 1


@pytest.mark.parametrize("value", ["999999", "abc"])
def test_an_unknown_inquiry_is_404(value, login, front_desk, db):
    assert login(front_desk).get(URL, {"inquiry": value}).status_code == 404


def test_an_inquiry_the_user_cannot_see_is_404_and_one_they_cannot_answer_is_403(
    login, log_inquiry, make_staff, other_department, handler, front_desk, food_item
):
    # Logged by the handler, who outranks the front desk asked with them: the handler answers for it.
    inquiry = log_inquiry(asked=[handler, front_desk], actor=handler, service_item=food_item)
    stranger = make_staff(Role.FRONT_DESK, department=other_department)
    assert login(stranger).get(URL, {"inquiry": inquiry.pk}).status_code == 404
    assert login(front_desk).get(URL, {"inquiry": inquiry.pk}).status_code == 403
    assert login(front_desk).post(URL, {"inquiry": inquiry.pk, "kind": "missing"}).status_code == 403
    assert login(handler).get(URL, {"inquiry": inquiry.pk}).status_code == 200
    assert not Notice.objects.exists()


def test_from_a_case_the_case_item_is_used(login, handler, food_item):
    case = case_open(
        actor=handler.user, service_item=food_item, applicant_name="王先生", applicant_phone="13812345678"
    )
    client = login(handler)
    response = client.get(URL, {"case": case.pk})
    assert response.status_code == 200
    assert response.context["item"] == food_item
    response = post(client, case=case.pk, kind="missing", brought=[material(food_item, "营业执照").pk])
    assert response.status_code == 302
    notice = Notice.objects.get()
    assert notice.case == case and notice.inquiry is None


def test_a_case_the_user_may_not_work_on_is_refused(login, handler, food_item, supervisor, make_staff):
    case = case_open(actor=handler.user, service_item=food_item, applicant_name="王先生")
    other_handler = make_staff(Role.HANDLER)
    assert login(other_handler).get(URL, {"case": case.pk}).status_code == 404
    assert login(supervisor).get(URL, {"case": case.pk}).status_code == 403  # may not issue at all
