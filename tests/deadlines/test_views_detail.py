from datetime import date

import pytest
import time_machine

from deadlines.jobs import escalate_overdue, flag_overdue
from deadlines.services import case_open_instruction, extension_approve, extension_request
from org.roles import Role
from tests.deadlines.conftest import at


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(at(2026, 11, 10), tick=False):
        yield


@pytest.fixture
def case(open_case):
    return open_case(received_at=at(2026, 11, 2))  # due Mon 2026-11-16


def url(case):
    return f"/cases/{case.pk}/"


def test_anonymous_is_sent_to_login(client, case):
    assert client.get(url(case))["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("role", ["handler", "chief", "supervisor", "front_desk"])
def test_the_handler_the_chief_a_supervisor_and_the_receiver_see_it(role, request, login, case):
    page = login(request.getfixturevalue(role)).get(url(case)).content.decode()
    assert case.number in page
    assert "2026-11-16" in page


@pytest.mark.parametrize("role", ["other_chief", "administrator"])
def test_those_who_may_not_view_it_get_404(role, request, login, case):
    assert login(request.getfixturevalue(role)).get(url(case)).status_code == 404


def test_a_handler_of_another_case_gets_404(login, make_staff, case):
    assert login(make_staff(Role.HANDLER)).get(url(case)).status_code == 404


def test_an_unknown_case_is_404(login, supervisor, db):
    assert login(supervisor).get("/cases/99999/").status_code == 404


def test_the_page_shows_the_item_version_the_applicant_and_the_working_days_left(login, handler, case):
    response = login(handler).get(url(case))
    page = response.content.decode()
    assert case.item_version.name in page
    assert "王先生" in page
    assert "138****5678" in page  # whole only on "show the full number", which is logged
    assert "13812345678" not in page
    assert 'data-testid="reveal-contact"' in page
    assert response.context["case"].working_days_left == 4
    assert 'data-days-left="4"' in page
    assert "行政审批科" in page


def test_the_supervisor_sees_the_phone_masked(login, supervisor, case):
    page = login(supervisor).get(url(case)).content.decode()
    assert "138****5678" in page
    assert "13812345678" not in page
    assert 'data-testid="reveal-contact"' not in page


def test_the_handler_gets_the_actions_and_the_supervisor_does_not(login, handler, supervisor, case):
    page = login(handler).get(url(case)).content.decode()
    assert f"/cases/{case.pk}/complete/" in page
    assert f"/cases/{case.pk}/start/" in page
    assert f"/cases/{case.pk}/extensions/" in page
    assert f"/cases/{case.pk}/withdraw/" in page
    page = login(supervisor).get(url(case)).content.decode()
    assert f"/cases/{case.pk}/complete/" not in page
    assert f"/cases/{case.pk}/extensions/" not in page


def test_the_cap_left_for_extensions_is_shown(login, handler, chief, case):
    extension_approve(
        actor=chief.user,
        extension=extension_request(actor=handler.user, case=case, days=4, reason="等待检测报告"),
    )
    response = login(handler).get(url(case))
    assert response.context["extension_cap"] == 10
    assert response.context["extension_remaining"] == 6


def test_the_extension_history_and_the_escalation_steps_are_shown(login, handler, chief, case):
    extension = extension_request(actor=handler.user, case=case, days=3, reason="需现场核查")
    extension_approve(actor=chief.user, extension=extension, note="同意延期")
    with time_machine.travel(at(2026, 11, 25), tick=False):
        flag_overdue()
        escalate_overdue()
        response = login(handler).get(url(case))
    page = response.content.decode()
    assert "需现场核查" in page
    assert "同意延期" in page
    assert "2026-11-16" in page and "2026-11-19" in page  # due before → after
    assert [e.step for e in response.context["escalations"]] == ["handler", "chief", "supervisor"]
    assert "history-panel" in page


def test_the_chief_decides_a_pending_request_on_the_case_page(login, handler, chief, case):
    extension = extension_request(actor=handler.user, case=case, days=3, reason="需现场核查")
    page = login(chief).get(url(case)).content.decode()
    assert f"/cases/extensions/{extension.pk}/approve/" in page
    page = login(handler).get(url(case)).content.decode()
    assert f"/cases/extensions/{extension.pk}/approve/" not in page
    assert "2026-11-11" in page  # the chief decides by then


def test_a_leaders_instruction_shows_the_leader_and_the_instruction(login, chief, handler):
    case = case_open_instruction(
        actor=chief.user,
        title="专项整治方案",
        instruction="请于月底前报送",
        leader="王局长",
        due_date=date(2026, 11, 30),
        handler=handler,
    )
    page = login(handler).get(url(case)).content.decode()
    assert "王局长" in page
    assert "请于月底前报送" in page
    assert f"/cases/{case.pk}/receipt/" not in page
    # No applicant: nothing promises them an SMS, and no notice can be issued to them.
    assert f"/cases/{case.pk}/extensions/" in page
    assert "以短信告知申请人" not in page
    assert "/notices/new/?case=" not in page


def test_an_applicants_case_promises_the_extension_reason_by_sms(login, handler, case):
    page = login(handler).get(url(case)).content.decode()
    assert "以短信告知申请人" in page
    assert f"/notices/new/?case={case.pk}" in page


def test_the_page_takes_a_bounded_number_of_queries(
    login, handler, chief, case, django_assert_max_num_queries
):
    for days in (1, 2, 1):
        extension = extension_request(actor=handler.user, case=case, days=days, reason="x")
        extension_approve(actor=chief.user, extension=extension)
    client = login(handler)
    with django_assert_max_num_queries(
        21
    ):  # 2 for the notices card (rule 5), 3 for the refusals card (rule 6)
        assert client.get(url(case)).status_code == 200
