"""The inquiry page: /inquiries/<pk>/."""

import pytest
import time_machine

from inquiries.jobs import flag_unowned
from inquiries.models import InquiryKind
from inquiries.services import inquiry_record_outcome
from org.roles import Role
from tests.inquiries.conftest import at


@pytest.fixture(autouse=True)
def today(official_calendar):
    with time_machine.travel(at(2026, 11, 10), tick=False):
        yield


@pytest.fixture
def inquiry(log_inquiry, front_desk, clerk, deputy_chief):
    return log_inquiry(
        asked=[front_desk, clerk, deputy_chief],
        description="想了解办理时限",
        visitor_id_number="110105199003071234",
    )


@pytest.fixture
def report(log_inquiry, front_desk):
    return log_inquiry(
        asked=[front_desk], kind=InquiryKind.REPORT, subject="举报无证经营", visitor_phone="13900001111"
    )


def url(inquiry):
    return f"/inquiries/{inquiry.pk}/"


def test_anonymous_is_sent_to_login(client, inquiry):
    assert client.get(url(inquiry))["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("role", ["front_desk", "clerk", "deputy_chief", "chief", "supervisor"])
def test_who_logged_it_was_asked_answers_for_it_or_oversees_it_sees_it(role, request, login, inquiry):
    response = login(request.getfixturevalue(role)).get(url(inquiry))
    assert response.status_code == 200
    assert response.context["inquiry"] == inquiry
    assert inquiry.number in response.content.decode()


@pytest.mark.parametrize("role", ["handler", "other_chief", "administrator"])
def test_those_not_involved_get_404(role, request, login, inquiry):
    assert login(request.getfixturevalue(role)).get(url(inquiry)).status_code == 404


def test_an_unknown_inquiry_is_404(login, supervisor, db):
    assert login(supervisor).get("/inquiries/99999/").status_code == 404


def test_a_report_is_seen_only_by_who_took_it_the_chief_and_supervisors(
    login, report, clerk, chief, supervisor, make_staff
):
    asked_too = make_staff(Role.HANDLER, name="同事")
    assert login(asked_too).get(url(report)).status_code == 404
    for staff in (chief, supervisor):
        assert login(staff).get(url(report)).status_code == 200


def test_all_the_facts_the_staff_asked_in_order_and_the_first_responder(
    login, front_desk, clerk, deputy_chief, inquiry
):
    response = login(front_desk).get(url(inquiry))
    page = response.content.decode()
    assert [row.staff for row in response.context["asked"]] == [front_desk, clerk, deputy_chief]
    assert page.index(f'data-asked="{front_desk.pk}"') < page.index(f'data-asked="{clerk.pk}"')
    assert page.index(f'data-asked="{clerk.pk}"') < page.index(f'data-asked="{deputy_chief.pk}"')
    assert 'data-testid="first-responder"' in page
    assert "想了解办理时限" in page
    assert "王先生" in page
    assert 'data-status="open"' in page
    assert "2026-11-11" in page  # the outcome is due in one working day
    assert "history-panel" in page
    assert 'data-testid="tie-settled"' not in page


def test_a_tie_settled_at_the_desk_is_shown(login, log_inquiry, front_desk, clerk):
    inquiry = log_inquiry(asked=[front_desk, clerk], first_responder=clerk)
    assert 'data-testid="tie-settled"' in login(front_desk).get(url(inquiry)).content.decode()


@pytest.mark.parametrize("role", ["front_desk", "clerk", "deputy_chief", "chief", "supervisor"])
def test_the_contact_is_masked_on_the_page_for_every_role(role, request, login, inquiry):
    response = login(request.getfixturevalue(role)).get(url(inquiry))
    page = response.content.decode()
    assert "138****5678" in page
    assert "110105********1234" in page
    assert "13812345678" not in page
    assert "110105199003071234" not in page


def test_who_deals_with_the_visitor_is_offered_the_full_number_a_colleague_only_asked_is_not(
    login, front_desk, clerk, inquiry
):
    assert 'data-testid="reveal-contact"' in login(front_desk).get(url(inquiry)).content.decode()
    page = login(clerk).get(url(inquiry)).content.decode()
    assert 'data-testid="reveal-contact"' not in page
    assert 'data-masked="1"' in page


def test_the_outcome_forms_are_offered_to_who_may_record_while_open(
    login, front_desk, deputy_chief, chief, clerk, supervisor, inquiry
):
    for staff in (front_desk, deputy_chief, chief):
        response = login(staff).get(url(inquiry))
        assert response.context["can_record"] is True
        page = response.content.decode()
        assert f"/inquiries/{inquiry.pk}/outcome/" in page
        assert f"/notices/new/?inquiry={inquiry.pk}" in page
    for staff in (clerk, supervisor):
        page = login(staff).get(url(inquiry)).content.decode()
        assert f"/inquiries/{inquiry.pk}/outcome/" not in page
        assert f"/notices/new/?inquiry={inquiry.pk}" not in page


def test_the_desk_that_logged_it_gets_the_note_focused(login, front_desk, chief, inquiry):
    response = login(front_desk).get(url(inquiry))
    assert response.context["forms"]["handled"].fields["note"].widget.attrs.get("autofocus")
    response = login(chief).get(url(inquiry))
    assert not response.context["forms"]["handled"].fields["note"].widget.attrs.get("autofocus")


def test_no_outcome_forms_once_closed(login, front_desk, inquiry):
    inquiry_record_outcome(actor=front_desk.user, inquiry=inquiry, outcome="handled", note="已答复")
    response = login(front_desk).get(url(inquiry))
    assert response.context["can_record"] is False
    page = response.content.decode()
    assert f"/inquiries/{inquiry.pk}/outcome/" not in page
    assert 'data-outcome="handled"' in page
    assert "已答复" in page
    assert 'data-status="closed"' in page


def test_a_flagged_inquiry_shows_the_flag_and_the_alert(login, chief, inquiry):
    with time_machine.travel(at(2026, 11, 13), tick=False):
        flag_unowned()
        response = login(chief).get(url(inquiry))
    page = response.content.decode()
    assert 'data-flagged="1"' in page
    assert len(response.context["alerts"]) == 1


def test_the_page_takes_a_bounded_number_of_queries(
    login, front_desk, inquiry, django_assert_max_num_queries
):
    client = login(front_desk)
    with django_assert_max_num_queries(20):
        assert client.get(url(inquiry)).status_code == 200


def test_the_notice_button_is_rule_5s_to_offer(login, front_desk, inquiry, monkeypatch):
    """The inquiry page links to the notice form only through the card rule 5
    registers: without it (the app absent) the button is not there."""
    from core import navigation

    assert f'href="/notices/new/?inquiry={inquiry.pk}" data-testid="issue-notice"' in (
        login(front_desk).get(url(inquiry)).content.decode()
    )
    monkeypatch.setattr(navigation, "_related", {})
    page = login(front_desk).get(url(inquiry)).content.decode()
    assert 'data-testid="issue-notice"' not in page
