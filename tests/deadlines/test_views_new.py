from datetime import date

import pytest
import time_machine

from deadlines.models import Case, CaseStatus
from org.roles import Role
from tests.deadlines.conftest import at

URL = "/cases/new/"


@pytest.fixture(autouse=True)
def today():
    # Fri 2026-09-18, before Mid-Autumn: Sun 9/20 is a make-up working day.
    with time_machine.travel(at(2026, 9, 18), tick=False):
        yield


def post(client, item, **data):
    data = {"service_item": item.pk, "applicant_name": "王先生", "applicant_phone": "138 1234 5678", **data}
    return client.post(URL, data)


def test_anonymous_is_sent_to_login(client, db):
    assert client.get(URL)["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("role", ["front_desk", "handler", "chief"])
def test_front_desk_handlers_and_chiefs_may_receive(role, request, login, item):
    response = login(request.getfixturevalue(role)).get(URL)
    assert response.status_code == 200
    assert item.current.name in response.content.decode()


@pytest.mark.parametrize("role", ["supervisor", "administrator"])
def test_others_are_refused(role, request, login, item):
    client = login(request.getfixturevalue(role))
    assert client.get(URL).status_code == 403
    assert post(client, item).status_code == 403
    assert not Case.objects.exists()


def test_the_front_desk_receives_for_a_handler_and_gets_the_receipt_with_the_due_date(
    login, front_desk, handler, make_item
):
    item = make_item(committed_days=5)
    client = login(front_desk)
    response = post(client, item, handler=handler.pk)
    case = Case.objects.get()
    assert response["Location"] == f"/cases/{case.pk}/receipt/"
    assert case.handler == handler
    assert case.applicant_phone == "13812345678"
    # Mon 9/21, Tue 9/22, Wed 9/23, Thu 9/24 and the make-up Sunday 9/20.
    assert case.due_date == date(2026, 9, 24)
    receipt = client.get(response["Location"]).content.decode()
    assert "2026-09-24" in receipt
    assert case.number in receipt


def test_the_handler_is_the_receiver_when_none_is_named(login, handler, item):
    post(login(handler), item)
    assert Case.objects.get().handler == handler


def test_a_handler_of_another_section_is_a_form_error(login, front_desk, item, make_staff, other_department):
    outsider = make_staff(Role.HANDLER, department=other_department)
    response = post(login(front_desk), item, handler=outsider.pk)
    assert response.status_code == 200
    assert response.context["form"].errors["handler"]
    assert not Case.objects.exists()


def test_the_front_desk_of_another_section_must_name_a_handler(login, make_staff, other_department, item):
    desk = make_staff(Role.FRONT_DESK, department=other_department)
    response = post(login(desk), item)
    assert "handler" in response.context["form"].errors


def test_an_on_the_spot_item_not_handled_at_once_needs_the_reason(login, handler, make_item):
    item = make_item(committed_days=0)
    client = login(handler)
    response = post(client, item)
    assert "not_at_once_reason" in response.context["form"].errors
    response = post(client, item, not_at_once_reason="缺营业执照原件")
    case = Case.objects.get()
    assert case.not_at_once_reason == "缺营业执照原件"
    assert case.status == CaseStatus.RECEIVED


def test_handled_at_once_completes_the_case_on_receipt(login, handler, make_item):
    post(login(handler), make_item(committed_days=0), handled_at_once="on")
    case = Case.objects.get()
    assert case.status == CaseStatus.COMPLETED
    assert case.handled_at_once


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("service_item", "abc"),
        ("service_item", "99999"),
        ("applicant_phone", "not a phone"),
        ("applicant_name", ""),
        ("handler", "x"),
    ],
)
def test_bad_input_is_a_form_error_never_a_500(login, front_desk, item, field, value):
    response = post(login(front_desk), item, **{field: value})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Case.objects.exists()


def test_only_published_items_are_offered_grouped_by_section(
    login, front_desk, item, make_item, other_department
):
    hidden = make_item(code="HIDDEN-1")
    hidden.published = False
    hidden.save(update_fields=["published"])
    other = make_item(code="MK-1", dept=other_department)
    page = login(front_desk).get(URL).content.decode()
    assert 'optgroup label="行政审批科"' in page
    assert 'optgroup label="市场监管科"' in page
    assert item.code in page
    assert other.code in page
    assert "HIDDEN-1" not in page
    assert f'data-section="{other_department.pk}"' in page


def test_a_due_date_in_a_year_with_no_schedule_is_shown_not_guessed(login, front_desk, handler, make_item):
    with time_machine.travel(at(2026, 12, 21), tick=False):
        response = post(login(front_desk), make_item(committed_days=20), handler=handler.pk)
    assert response.status_code == 200
    assert "2027" in " ".join(response.context["form"].non_field_errors())
    assert not Case.objects.exists()
