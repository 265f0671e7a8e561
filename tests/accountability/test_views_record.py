"""A record's page (/accountability/records/<id>/): what it is about, its card
and due dates, and the forms each person is offered by role and state; the
person's explanation (/explain/) and acknowledgement (/acknowledge/)."""

import pytest
import time_machine

from accountability.models import RecordStatus
from accountability.services_records import record_decide, record_explain
from tests.accountability.conftest import at

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(at(2026, 12, 17), tick=False):
        yield


def url(record, action=""):
    return f"/accountability/records/{record.pk}/{action}"


def test_the_handler_sees_the_record_with_its_source_card_and_explain_form(
    login, handler, overdue_record, case
):
    page = login(handler).get(url(overdue_record)).content.decode()
    assert f'href="/cases/{case.pk}/" data-testid="source-link">{case.number}' in page
    assert 'data-card="yellow"' in page
    assert "2026-12-18" in page and "2026-12-23" in page
    assert 'data-testid="explain"' in page
    assert 'data-testid="decide"' not in page and 'data-testid="appeal-decide"' not in page
    assert 'data-testid="appeal"' in page  # folded, but offered


def test_a_late_explanation_shows_red(login, handler, overdue_record):
    with time_machine.travel(at(2026, 12, 21), tick=False):
        page = login(handler).get(url(overdue_record)).content.decode()
    assert 'data-testid="explain-due" data-late' in page


def test_the_handler_explains_and_the_supervisor_is_offered_the_decision(
    login, handler, supervisor, overdue_record
):
    response = login(handler).post(
        url(overdue_record, "explain/"), {"explanation": "系统故障导致延误"}, follow=True
    )
    page = response.content.decode()
    assert "系统故障导致延误" in page and 'data-testid="explain"' not in page
    overdue_record.refresh_from_db()
    assert overdue_record.status == RecordStatus.EXPLAINED
    supervisor_page = login(supervisor).get(url(overdue_record)).content.decode()
    assert 'data-testid="decide"' in supervisor_page and 'data-testid="explain"' not in supervisor_page


def test_an_empty_explanation_comes_back_with_its_error(login, handler, overdue_record):
    response = login(handler).post(url(overdue_record, "explain/"), {"explanation": "  "})
    assert response.status_code == 400
    assert "is-invalid" in response.content.decode()
    overdue_record.refresh_from_db()
    assert overdue_record.status == RecordStatus.OPEN


def test_explaining_twice_is_a_conflict(login, handler, overdue_record):
    client = login(handler)
    client.post(url(overdue_record, "explain/"), {"explanation": "第一次"})
    response = client.post(url(overdue_record, "explain/"), {"explanation": "第二次"})
    assert response.status_code == 409
    assert 'data-testid="conflict"' in response.content.decode()
    overdue_record.refresh_from_db()
    assert overdue_record.explanation == "第一次"


def test_wrong_methods(login, handler, overdue_record):
    client = login(handler)
    assert client.post(url(overdue_record)).status_code == 405
    for action in ("explain/", "acknowledge/", "appeal/", "appeal/decide/", "decide/", "correct/"):
        assert client.get(url(overdue_record, action)).status_code == 405, action


def test_anonymous_is_sent_to_log_in(client, overdue_record):
    for response in (client.get(url(overdue_record)), client.post(url(overdue_record, "explain/"), {})):
        assert response.status_code == 302 and "/login/" in response["Location"]


def test_only_the_person_explains(login, supervisor, chief, overdue_record):
    # The chief reads their section's record but the handler answers for it; the supervisor decides.
    assert login(chief).get(url(overdue_record)).status_code == 200
    for staff in (chief, supervisor):
        response = login(staff).post(url(overdue_record, "explain/"), {"explanation": "代为说明"})
        assert response.status_code == 403
    overdue_record.refresh_from_db()
    assert overdue_record.status == RecordStatus.OPEN


def test_another_section_and_another_staff_member_find_nothing(
    login, other_chief, front_desk, overdue_record
):
    for staff in (other_chief, front_desk):
        client = login(staff)
        assert client.get(url(overdue_record)).status_code == 404
        assert client.post(url(overdue_record, "explain/"), {"explanation": "x"}).status_code == 404


def test_the_person_acknowledges_the_decision_once(login, handler, supervisor, overdue_record):
    record_decide(actor=supervisor.user, record=overdue_record, outcome="criticism", findings="确有延误")
    client = login(handler)
    assert 'data-testid="acknowledge"' in client.get(url(overdue_record)).content.decode()
    page = client.post(url(overdue_record, "acknowledge/"), follow=True).content.decode()
    assert 'data-testid="acknowledged"' in page and 'data-testid="acknowledge"' not in page
    again = client.post(url(overdue_record, "acknowledge/"))
    assert again.status_code == 409 and 'data-testid="conflict"' in again.content.decode()


def test_acknowledging_an_undecided_record_is_a_conflict_and_others_may_not(
    login, handler, supervisor, overdue_record
):
    assert login(handler).post(url(overdue_record, "acknowledge/")).status_code == 409
    record_decide(actor=supervisor.user, record=overdue_record, outcome="none", findings="无责")
    assert login(supervisor).post(url(overdue_record, "acknowledge/")).status_code == 403


def test_the_page_takes_a_bounded_number_of_queries(
    login, handler, supervisor, overdue_record, django_assert_max_num_queries
):
    record_explain(actor=handler.user, record=overdue_record, explanation="说明")
    record_decide(actor=supervisor.user, record=overdue_record, outcome="warning", findings="告诫")
    client = login(supervisor)
    with django_assert_max_num_queries(25):
        assert client.get(url(overdue_record)).status_code == 200
