"""Start, complete and withdraw, from the case page."""

import pytest
import time_machine

from audit.models import AuditEvent
from deadlines.models import CaseStatus
from deadlines.services import case_withdraw
from tests.deadlines.conftest import at


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(at(2026, 11, 10), tick=False):
        yield


@pytest.fixture
def case(open_case):
    return open_case(received_at=at(2026, 11, 2))  # due Mon 2026-11-16


def action(case, verb):
    return f"/cases/{case.pk}/{verb}/"


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


@pytest.mark.parametrize("verb", ["start", "complete", "withdraw"])
def test_get_is_not_allowed(verb, login, handler, case):
    assert login(handler).get(action(case, verb)).status_code == 405


@pytest.mark.parametrize("verb", ["start", "complete", "withdraw"])
def test_anonymous_is_sent_to_login(verb, client, case):
    assert client.post(action(case, verb))["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("verb", ["start", "complete", "withdraw"])
def test_a_supervisor_and_the_receiver_may_view_but_not_act(verb, login, supervisor, front_desk, case):
    for viewer in (supervisor, front_desk):
        assert login(viewer).post(action(case, verb), {"reason": "x"}).status_code == 403
    case.refresh_from_db()
    assert case.status == CaseStatus.RECEIVED


@pytest.mark.parametrize("verb", ["start", "complete", "withdraw"])
def test_the_chief_of_another_section_gets_404(verb, login, other_chief, case):
    assert login(other_chief).post(action(case, verb), {"reason": "x"}).status_code == 404


def test_the_handler_starts_and_completes(login, handler, case):
    client = login(handler)
    response = client.post(action(case, "start"), follow=True)
    assert response.redirect_chain[-1][0] == f"/cases/{case.pk}/"
    case.refresh_from_db()
    assert case.status == CaseStatus.IN_PROGRESS
    response = client.post(action(case, "complete"), follow=True)
    case.refresh_from_db()
    assert case.status == CaseStatus.COMPLETED
    assert case.completed_on_time
    assert any(case.number in m for m in messages_of(response))
    assert AuditEvent.objects.for_object(case).filter(verb="case.complete").count() == 1


def test_the_chief_of_the_section_may_complete(login, chief, case):
    login(chief).post(action(case, "complete"))
    case.refresh_from_db()
    assert case.status == CaseStatus.COMPLETED


def test_completing_late_says_so(login, handler, case):
    with time_machine.travel(at(2026, 11, 18), tick=False):
        response = login(handler).post(action(case, "complete"), follow=True)
    assert any("2026-11-16" in m for m in messages_of(response))


def test_starting_twice_is_a_clear_error_not_a_500(login, handler, case):
    client = login(handler)
    client.post(action(case, "start"))
    response = client.post(action(case, "start"), follow=True)
    assert response.status_code == 200
    assert any(m.level_tag == "error" for m in response.context["messages"])


def test_completing_a_withdrawn_case_is_refused_with_a_message(login, handler, case):
    case_withdraw(actor=handler.user, case=case, reason="申请人撤回申请")
    response = login(handler).post(action(case, "complete"), follow=True)
    case.refresh_from_db()
    assert case.status == CaseStatus.WITHDRAWN
    assert [m.level_tag for m in response.context["messages"]] == ["error"]


def test_withdrawing_needs_a_reason(login, handler, case):
    client = login(handler)
    response = client.post(action(case, "withdraw"), {"reason": "  "})
    assert response.status_code == 200
    assert response.context["withdraw_form"].errors["reason"]
    case.refresh_from_db()
    assert case.status == CaseStatus.RECEIVED
    client.post(action(case, "withdraw"), {"reason": "申请人撤回申请"})
    case.refresh_from_db()
    assert case.status == CaseStatus.WITHDRAWN
    assert AuditEvent.objects.for_object(case).get(verb="case.withdraw").reason == "申请人撤回申请"
