"""Recording the first responder's outcome on the inquiry page: POST /inquiries/<pk>/outcome/."""

import pytest
import time_machine

from inquiries.models import Inquiry, InquiryStatus, Outcome, ReferMode, Transfer
from inquiries.services import inquiry_record_outcome
from messaging.models import Message
from org.roles import Role
from tests.factories import DepartmentFactory
from tests.inquiries.conftest import at, english


@pytest.fixture(autouse=True)
def today(official_calendar):
    with time_machine.travel(at(2026, 11, 10), tick=False):
        yield


@pytest.fixture
def inquiry(log_inquiry, front_desk):
    return log_inquiry(asked=[front_desk])


@pytest.fixture
def licensing(db):
    return DepartmentFactory(name="许可科", code="licensing", public_phone="0571-87001234", room="2楼203室")


def url(inquiry):
    return f"/inquiries/{inquiry.pk}/outcome/"


def post(client, inquiry, outcome, **data):
    return client.post(url(inquiry), {"outcome": outcome, **data})


def reloaded(inquiry):
    return Inquiry.objects.get(pk=inquiry.pk)


def test_anonymous_is_sent_to_login(client, inquiry):
    assert post(client, inquiry, "handled")["Location"].startswith("/accounts/login/")
    assert reloaded(inquiry).status == InquiryStatus.OPEN


def test_get_is_not_allowed(login, front_desk, inquiry):
    assert login(front_desk).get(url(inquiry)).status_code == 405


def test_handled_now_closes_it_and_goes_back_to_the_page(login, front_desk, inquiry):
    client = login(front_desk)
    response = post(client, inquiry, "handled", note="已告知所需材料")
    assert response["Location"] == f"/inquiries/{inquiry.pk}/"
    inquiry = reloaded(inquiry)
    assert (inquiry.status, inquiry.outcome, inquiry.outcome_note) == ("closed", "handled", "已告知所需材料")
    assert inquiry.outcome_by == front_desk
    page = client.get(response["Location"]).content.decode()
    assert inquiry.number in page  # the success message


def test_transfer_to_the_absent_handler_then_the_handler_acknowledges(login, front_desk, handler, inquiry):
    response = post(login(front_desk), inquiry, "transfer", transfer_to=handler.pk, note="材料已收")
    assert response.status_code == 302
    transfer = Transfer.objects.get(inquiry=inquiry)
    assert (transfer.to, transfer.by, transfer.note) == (handler, front_desk, "材料已收")
    assert reloaded(inquiry).status == InquiryStatus.TRANSFERRED
    assert Message.objects.filter(recipient=handler.user, kind="inquiry.transfer").exists()

    ack = f"/inquiries/transfers/{transfer.pk}/acknowledge/"
    # The first responder cannot acknowledge for the handler.
    assert login(front_desk).post(ack).status_code == 403
    client = login(handler)
    page = client.get(f"/inquiries/{inquiry.pk}/").content.decode()
    assert ack in page
    response = client.post(ack, {"next": f"/inquiries/{inquiry.pk}/"})
    assert response["Location"] == f"/inquiries/{inquiry.pk}/"
    transfer.refresh_from_db()
    assert transfer.acknowledged_at is not None
    assert reloaded(inquiry).status == InquiryStatus.ACKNOWLEDGED


def test_the_transfer_list_offers_the_own_sections_handlers_but_the_first_responder(
    login, front_desk, handler, chief, make_staff, other_department, inquiry
):
    outsider = make_staff(Role.HANDLER, department=other_department)
    desk_only = make_staff(Role.FRONT_DESK, name="另一前台")
    response = login(front_desk).get(f"/inquiries/{inquiry.pk}/")
    offered = set(response.context["forms"]["transfer"].fields["transfer_to"].queryset)
    assert offered == {handler, chief}
    assert outsider not in offered and desk_only not in offered and front_desk not in offered


def test_a_transfer_without_the_visitors_contact_is_shown_as_an_error(
    login, log_inquiry, front_desk, handler
):
    inquiry = log_inquiry(asked=[front_desk], visitor_phone="")
    response = post(login(front_desk), inquiry, "transfer", transfer_to=handler.pk)
    assert response.status_code == 200
    form = response.context["forms"]["transfer"]
    assert "visitor_phone" in form.errors  # asked for on the transfer form
    assert response.context["active"] == "transfer"
    assert not Transfer.objects.exists()
    assert reloaded(inquiry).status == InquiryStatus.OPEN


def test_a_transfer_needs_a_handler_of_the_section(login, front_desk, make_staff, other_department, inquiry):
    outsider = make_staff(Role.HANDLER, department=other_department)
    for value in ("", "abc", outsider.pk, front_desk.pk):
        response = post(login(front_desk), inquiry, "transfer", transfer_to=value)
        assert response.status_code == 200
        assert "transfer_to" in response.context["forms"]["transfer"].errors
    assert not Transfer.objects.exists()


def test_refer_to_another_section_shows_its_phone_and_room(login, front_desk, licensing, inquiry):
    client = login(front_desk)
    page = client.get(f"/inquiries/{inquiry.pk}/").content.decode()
    assert 'data-phone="0571-87001234"' in page  # the script shows it as the section is chosen
    response = post(client, inquiry, "refer", refer_department=licensing.pk, refer_mode=ReferMode.CONTACT)
    inquiry = reloaded(inquiry)
    assert (inquiry.status, inquiry.outcome) == ("closed", "refer")
    assert (inquiry.refer_department, inquiry.refer_mode) == (licensing, "contact")
    page = client.get(response["Location"]).content.decode()
    assert '<span data-testid="refer-phone">0571-87001234</span>' in page
    assert '<span data-testid="refer-room">2楼203室</span>' in page


def test_refer_to_the_own_section_is_refused(login, front_desk, department, inquiry):
    response = post(login(front_desk), inquiry, "refer", refer_department=department.pk, refer_mode="guided")
    assert response.status_code == 200
    assert "refer_department" in response.context["forms"]["refer"].errors
    assert reloaded(inquiry).status == InquiryStatus.OPEN


def test_outside_the_bureau_records_the_competent_department_and_what_was_told(login, front_desk, inquiry):
    client = login(front_desk)
    response = post(client, inquiry, "external", external_department="市公安局", note="请到派出所办理")
    assert response.status_code == 302
    inquiry = reloaded(inquiry)
    assert (inquiry.outcome, inquiry.external_department, inquiry.outcome_note) == (
        "external",
        "市公安局",
        "请到派出所办理",
    )


def test_outside_the_bureau_without_what_was_told_is_a_form_error(login, front_desk, inquiry):
    response = post(login(front_desk), inquiry, "external", external_department="市公安局")
    assert response.status_code == 200
    assert "note" in response.context["forms"]["external"].errors
    assert response.context["forms"]["external"].fields["note"].widget.attrs.get("autofocus")


def test_the_notice_is_not_recorded_here(login, front_desk, inquiry):
    response = post(login(front_desk), inquiry, "notice")
    assert response.status_code == 302
    assert reloaded(inquiry).status == InquiryStatus.OPEN


@pytest.mark.parametrize("outcome", ["", "closed", "king"])
def test_an_unknown_outcome_changes_nothing(login, front_desk, inquiry, outcome):
    client = english(login(front_desk))
    response = post(client, inquiry, outcome)
    assert response["Location"] == f"/inquiries/{inquiry.pk}/"
    assert reloaded(inquiry).status == InquiryStatus.OPEN
    assert [str(m) for m in client.get(response["Location"]).context["messages"]] == [
        "Choose one of the outcomes."
    ]


def test_a_second_outcome_is_a_message_not_a_500(login, front_desk, inquiry):
    inquiry_record_outcome(actor=front_desk.user, inquiry=inquiry, outcome=Outcome.HANDLED)
    client = english(login(front_desk))
    response = post(client, inquiry, "external", note="x")
    assert response["Location"] == f"/inquiries/{inquiry.pk}/"
    assert reloaded(inquiry).outcome == "handled"
    messages = [str(m) for m in client.get(response["Location"]).context["messages"]]
    assert messages == ["An outcome has been recorded for this inquiry already."]


def test_a_race_lost_in_the_service_is_a_message(login, front_desk, inquiry, monkeypatch):
    from deadlines.services import ConflictError
    from inquiries import services

    def taken(**kwargs):
        raise ConflictError("已有结果")

    monkeypatch.setattr(services, "inquiry_record_outcome", taken)
    client = login(front_desk)
    response = post(client, inquiry, "handled")
    assert response["Location"] == f"/inquiries/{inquiry.pk}/"
    assert [str(m) for m in client.get(response["Location"]).context["messages"]] == ["已有结果"]


@pytest.mark.parametrize("role", ["deputy_chief", "chief"])
def test_the_first_responder_and_the_chief_may_record(
    role, request, login, log_inquiry, front_desk, deputy_chief
):
    inquiry = log_inquiry(asked=[front_desk, deputy_chief])
    assert post(login(request.getfixturevalue(role)), inquiry, "handled").status_code == 302
    assert reloaded(inquiry).status == InquiryStatus.CLOSED


def test_a_colleague_only_asked_is_refused(login, log_inquiry, front_desk, clerk, deputy_chief):
    inquiry = log_inquiry(asked=[clerk, deputy_chief])
    assert post(login(clerk), inquiry, "handled").status_code == 403
    assert reloaded(inquiry).status == InquiryStatus.OPEN


def test_a_supervisor_sees_but_does_not_record(login, supervisor, inquiry):
    assert post(login(supervisor), inquiry, "handled").status_code == 403


@pytest.mark.parametrize("role", ["handler", "other_chief", "administrator"])
def test_those_who_may_not_view_get_404(role, request, login, inquiry):
    assert post(login(request.getfixturevalue(role)), inquiry, "handled").status_code == 404
    assert reloaded(inquiry).status == InquiryStatus.OPEN


def test_the_transfer_form_asks_for_the_phone_the_desk_did_not_take(login, front_desk, handler, log_inquiry):
    from inquiries.models import Inquiry

    inquiry = log_inquiry(visitor_phone="")
    client = login(front_desk)
    url = f"/inquiries/{inquiry.pk}/outcome/"
    response = client.post(url, {"outcome": "transfer", "transfer_to": handler.pk})
    assert Inquiry.objects.get(pk=inquiry.pk).status == "open"
    assert response.status_code == 200
    client.post(url, {"outcome": "transfer", "transfer_to": handler.pk, "visitor_phone": "137 0000 1111"})
    inquiry.refresh_from_db()
    assert (inquiry.status, inquiry.visitor_phone) == ("transferred", "13700001111")


@pytest.fixture
def taken_over(inquiry, front_desk, handler):
    from inquiries.services import transfer_acknowledge

    inquiry_record_outcome(
        actor=front_desk.user, inquiry=inquiry, outcome=Outcome.TRANSFER, transfer_to=handler
    )
    transfer_acknowledge(actor=handler.user, transfer=Transfer.objects.get(inquiry=inquiry))
    return reloaded(inquiry)


def test_after_taking_it_over_the_handler_records_the_outcome_on_the_page(login, taken_over, handler):
    client = login(handler)
    page = client.get(f"/inquiries/{taken_over.pk}/")
    assert page.context["can_record"]
    assert "transfer" not in page.context["forms"]  # transferred once is enough
    assert 'data-testid="taken-over"' in page.content.decode()
    response = post(client, taken_over, "handled", note="已回电答复")
    assert response.status_code == 302
    inquiry = reloaded(taken_over)
    assert (inquiry.status, inquiry.outcome, inquiry.outcome_by) == (
        InquiryStatus.CLOSED,
        Outcome.HANDLED,
        handler,
    )


def test_after_the_take_over_the_desk_may_no_longer_record_it(login, taken_over, front_desk):
    page = login(front_desk).get(f"/inquiries/{taken_over.pk}/")
    assert page.status_code == 200
    assert not page.context["can_record"]
    assert post(login(front_desk), taken_over, "handled").status_code == 403
    assert reloaded(taken_over).status == InquiryStatus.ACKNOWLEDGED


def test_a_taken_over_inquiry_transferred_again_is_refused_in_words(login, taken_over, handler, chief):
    client = english(login(handler))
    response = post(client, taken_over, "transfer", transfer_to=chief.pk)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "transferred once already: its handler records the outcome" in page
    assert reloaded(taken_over).status == InquiryStatus.ACKNOWLEDGED
    assert Transfer.objects.filter(inquiry=taken_over).count() == 1
