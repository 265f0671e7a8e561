from datetime import date

import pytest
import time_machine

from deadlines.models import Case, CaseKind
from org.roles import Role
from tests.deadlines.conftest import at

URL = "/cases/new-instruction/"


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(at(2026, 11, 10), tick=False):
        yield


def post(client, handler, **data):
    data = {
        "title": "关于加快食品经营许可审批的批示",
        "instruction": "请审批科十个工作日内拿出提速方案。",
        "leader": "刘副局长",
        "due_date": "2026-11-24",
        "handler": handler.pk,
        **data,
    }
    return client.post(URL, data)


def test_anonymous_is_sent_to_login(client, db):
    assert client.get(URL)["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("role", ["front_desk", "handler", "administrator"])
def test_staff_who_are_not_chiefs_or_supervisors_are_refused(role, request, login, handler):
    client = login(request.getfixturevalue(role))
    assert client.get(URL).status_code == 403
    assert post(client, handler).status_code == 403
    assert not Case.objects.exists()


def test_a_chief_records_an_instruction_for_their_section(login, chief, handler):
    response = post(login(chief), handler)
    case = Case.objects.get()
    assert response["Location"] == f"/cases/{case.pk}/"
    assert case.kind == CaseKind.INSTRUCTION
    assert case.leader == "刘副局长"
    assert case.due_date == date(2026, 11, 24)
    assert case.handler == handler


def test_a_chief_is_offered_only_their_own_sections_staff(
    login, chief, handler, make_staff, other_department
):
    outsider = make_staff(Role.HANDLER, department=other_department)
    client = login(chief)
    handlers = list(client.get(URL).context["form"].fields["handler"].queryset)
    assert handler in handlers
    assert outsider not in handlers
    response = post(client, outsider)
    assert "handler" in response.context["form"].errors
    assert not Case.objects.exists()


def test_the_chief_of_another_section_cannot_assign_ours(login, other_chief, handler):
    response = post(login(other_chief), handler)
    assert "handler" in response.context["form"].errors
    assert not Case.objects.exists()


def test_a_supervisor_assigns_in_any_section(login, supervisor, make_staff, other_department):
    outsider = make_staff(Role.HANDLER, department=other_department)
    post(login(supervisor), outsider)
    assert Case.objects.get().department == other_department


@pytest.mark.parametrize(
    ("field", "value"),
    [("due_date", "2026-11-09"), ("due_date", "not a date"), ("leader", " "), ("title", "")],
)
def test_bad_input_is_a_form_error(login, chief, handler, field, value):
    response = post(login(chief), handler, **{field: value})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Case.objects.exists()


def test_a_due_date_in_a_year_with_no_schedule_is_refused(login, chief, handler):
    response = post(login(chief), handler, due_date="2027-01-15")
    assert response.status_code == 200
    assert "2027" in " ".join(response.context["form"].non_field_errors())


def test_a_date_that_is_not_a_working_day_is_questioned_then_kept_when_confirmed(login, chief, handler):
    client = login(chief)
    response = post(client, handler, due_date="2026-11-28")  # a Saturday
    assert response.status_code == 200
    assert not Case.objects.exists()
    page = response.content.decode()
    assert "2026-11-28 不是工作日" in page
    assert 'type="checkbox" name="rest_day_confirmed"' in page
    response = post(client, handler, due_date="2026-11-28", rest_day_confirmed="on")
    assert response.status_code == 302
    assert Case.objects.get().due_date == date(2026, 11, 28)


def test_a_working_day_is_not_questioned(login, chief, handler):
    page = login(chief).get(URL).content.decode()
    assert 'type="hidden" name="rest_day_confirmed"' in page
    assert post(login(chief), handler, due_date="2026-11-24").status_code == 302
