"""An application accepted at the desk becomes a case: POST /inquiries/<pk>/open-case/."""

import pytest
import time_machine

from deadlines.models import Case, CaseStatus
from inquiries.models import Inquiry, InquiryKind, InquiryStatus
from org.roles import Role
from tests.inquiries.conftest import at, english


@pytest.fixture(autouse=True)
def today(official_calendar):
    with time_machine.travel(at(2026, 11, 10), tick=False):
        yield


@pytest.fixture
def application(log_inquiry, front_desk, item):
    return log_inquiry(asked=[front_desk], kind=InquiryKind.APPLICATION, service_item=item)


def url(inquiry):
    return f"/inquiries/{inquiry.pk}/open-case/"


def test_anonymous_is_sent_to_login(client, application):
    assert client.post(url(application), {})["Location"].startswith("/accounts/login/")


def test_the_form_is_offered_for_an_application_with_its_item(login, front_desk, handler, application):
    response = login(front_desk).get(f"/inquiries/{application.pk}/")
    form = response.context["case_form"]
    assert form is not None
    assert form["applicant_name"].value() == "王先生"
    assert handler in form.fields["handler"].queryset
    page = response.content.decode()
    assert url(application) in page
    # The phone on record is kept when the field is left empty; the form shows it masked only.
    assert form["applicant_phone"].value() is None
    assert 'placeholder="138****5678"' in page
    assert "13812345678" not in page


def test_not_offered_for_a_consultation(login, log_inquiry, front_desk, item):
    inquiry = log_inquiry(asked=[front_desk], service_item=item)
    client = english(login(front_desk))
    response = client.get(f"/inquiries/{inquiry.pk}/")
    assert response.context["case_form"] is None
    response = client.post(url(inquiry), {"handler": front_desk.pk, "applicant_name": "王先生"})
    assert response["Location"] == f"/inquiries/{inquiry.pk}/"
    assert not Case.objects.exists()
    assert [str(m) for m in client.get(response["Location"]).context["messages"]] == [
        "Only an application for a service item becomes a case."
    ]


def test_the_case_is_opened_linked_and_the_inquiry_closed(login, front_desk, handler, application):
    response = login(front_desk).post(
        url(application),
        {"handler": handler.pk, "applicant_name": "王先生", "applicant_phone": "138 1234 5678"},
    )
    case = Case.objects.get()
    assert response["Location"] == f"/cases/{case.pk}/"
    inquiry = Inquiry.objects.get(pk=application.pk)
    assert inquiry.case == case
    assert (inquiry.status, inquiry.outcome) == (InquiryStatus.CLOSED, "handled")
    assert (case.handler, case.applicant_phone, case.status) == (handler, "13812345678", CaseStatus.RECEIVED)
    page = login(front_desk).get(f"/inquiries/{inquiry.pk}/").content.decode()
    assert f"/cases/{case.pk}/" in page


def test_a_handler_of_another_section_is_a_form_error(
    login, front_desk, make_staff, other_department, application
):
    outsider = make_staff(Role.HANDLER, department=other_department)
    response = login(front_desk).post(url(application), {"handler": outsider.pk, "applicant_name": "王先生"})
    assert response.status_code == 200
    assert "handler" in response.context["case_form"].errors
    assert not Case.objects.exists()


def test_an_on_the_spot_item_not_handled_at_once_needs_the_reason(
    login, log_inquiry, front_desk, handler, make_item
):
    inquiry = log_inquiry(
        asked=[front_desk], kind=InquiryKind.APPLICATION, service_item=make_item(committed_days=0)
    )
    client = login(front_desk)
    response = client.post(url(inquiry), {"handler": handler.pk, "applicant_name": "王先生"})
    assert response.status_code == 200
    assert "not_at_once_reason" in response.context["case_form"].errors
    response = client.post(
        url(inquiry), {"handler": handler.pk, "applicant_name": "王先生", "handled_at_once": "on"}
    )
    assert Case.objects.get().status == CaseStatus.COMPLETED


def test_a_second_case_is_a_message_not_a_500(login, front_desk, handler, application):
    client = login(front_desk)
    data = {"handler": handler.pk, "applicant_name": "王先生"}
    client.post(url(application), data)
    response = client.post(url(application), data)
    assert response["Location"] == f"/inquiries/{application.pk}/"
    assert Case.objects.count() == 1


def test_a_colleague_only_asked_is_refused(login, log_inquiry, clerk, deputy_chief, item):
    inquiry = log_inquiry(asked=[clerk, deputy_chief], kind=InquiryKind.APPLICATION, service_item=item)
    assert login(clerk).post(url(inquiry), {"handler": clerk.pk, "applicant_name": "x"}).status_code == 403
    assert not Case.objects.exists()


@pytest.mark.parametrize("role", ["handler", "other_chief", "administrator"])
def test_those_who_may_not_view_get_404(role, request, login, application):
    assert login(request.getfixturevalue(role)).post(url(application), {}).status_code == 404


def test_a_first_responder_who_may_not_receive_cases_is_refused(
    login, log_inquiry, front_desk, supervisor, item
):
    """A supervisor asked at the window outranks the desk and answers for the
    inquiry, but does not receive cases."""
    inquiry = log_inquiry(asked=[front_desk, supervisor], kind=InquiryKind.APPLICATION, service_item=item)
    assert inquiry.first_responder == supervisor
    client = login(supervisor)
    assert client.get(f"/inquiries/{inquiry.pk}/").context["case_form"] is None
    response = client.post(url(inquiry), {"handler": front_desk.pk, "applicant_name": "王先生"})
    assert response.status_code == 403
    assert not Case.objects.exists()
    assert Inquiry.objects.get(pk=inquiry.pk).status == InquiryStatus.OPEN


def test_get_is_not_allowed(login, front_desk, application):
    assert login(front_desk).get(url(application)).status_code == 405
