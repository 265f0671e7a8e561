"""Receiving the application from a complete notice."""

import pytest

from deadlines.models import Case
from notifications.models import NoticeStatus
from notifications.services import notice_record_visit


def url(notice):
    return f"/notices/{notice.pk}/open-case/"


@pytest.fixture
def complete(notice, handler):
    ids = [row.material_id for row in notice.materials.filter(missing=True)]
    notice_record_visit(actor=handler.user, notice=notice, brought_ids=ids)
    notice.refresh_from_db()
    return notice


def test_the_page_offers_it_once_the_materials_are_complete(login, front_desk, notice, complete):
    response = login(front_desk).get(f"/notices/{notice.pk}/")
    assert response.context["can_open_case"] is True
    assert response.context["case_form"].initial["applicant_name"] == "王先生"


def test_the_form_offers_the_receiving_staff_member_as_handler(login, front_desk, complete):
    """Its help text says "yourself when you are in that section": the form does so."""
    assert complete.service_item.department_id == front_desk.department_id
    page = login(front_desk).get(f"/notices/{complete.pk}/").content.decode()
    assert f'<option value="{front_desk.pk}" selected>' in page


def test_the_form_names_no_one_for_staff_of_another_section(login, front_desk, complete, other_department):
    front_desk.department = other_department
    front_desk.save(update_fields=["department"])
    response = login(front_desk).get(f"/notices/{complete.pk}/")
    form = response.context["case_form"]
    assert form is None or "handler" not in form.initial


def test_an_open_notice_does_not_offer_it(login, front_desk, notice):
    response = login(front_desk).get(f"/notices/{notice.pk}/")
    assert response.context["can_open_case"] is False
    response = login(front_desk).post(url(notice), {"applicant_name": "王先生"})
    assert response.status_code == 302
    assert not Case.objects.exists()


def test_the_first_responder_receives_it(login, front_desk, handler, complete):
    response = login(front_desk).post(
        url(complete), {"handler": handler.pk, "applicant_name": "王先生", "applicant_phone": "138 1234 5678"}
    )
    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/cases/{case.pk}/receipt/"
    complete.refresh_from_db()
    assert complete.case == case and complete.status == NoticeStatus.CLOSED
    assert case.applicant_phone == "13812345678"


def test_a_handler_who_does_not_answer_for_the_inquiry_may_not(login, handler, complete):
    assert login(handler).post(url(complete), {"applicant_name": "王先生"}).status_code == 403
    assert not Case.objects.exists()


def test_anonymous_is_sent_to_login(client, complete):
    response = client.post(url(complete), {"applicant_name": "王先生"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not Case.objects.exists()


def test_the_wrong_method_is_405(login, front_desk, complete):
    assert login(front_desk).get(url(complete)).status_code == 405


def test_a_supervisor_sees_the_notice_but_receives_no_application(login, supervisor, complete):
    client = login(supervisor)
    assert client.get(f"/notices/{complete.pk}/").context["can_open_case"] is False
    assert client.post(url(complete), {"applicant_name": "王先生"}).status_code == 403
    assert not Case.objects.exists()


@pytest.mark.parametrize("role", ["other_chief", "administrator"])
def test_who_may_not_see_the_notice_gets_404(role, request, login, complete):
    response = login(request.getfixturevalue(role)).post(url(complete), {"applicant_name": "王先生"})
    assert response.status_code == 404
    assert not Case.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"applicant_name": ""},
        {"applicant_name": "王先生", "handler": "99999"},
        {"applicant_name": "王先生", "applicant_phone": "x"},
    ],
    ids=["no applicant", "unknown handler", "bad phone"],
)
def test_bad_input_is_a_form_error(data, login, front_desk, complete):
    response = login(front_desk).post(url(complete), data)
    assert response.status_code == 200
    assert response.context["case_form"].errors
    assert not Case.objects.exists()


def test_a_handler_of_another_section_is_a_form_error(
    login, front_desk, complete, make_staff, other_department
):
    from org.roles import Role

    stranger = make_staff(Role.HANDLER, department=other_department)
    response = login(front_desk).post(url(complete), {"applicant_name": "王先生", "handler": stranger.pk})
    assert response.status_code == 200
    assert response.context["case_form"].errors
    assert not Case.objects.exists()


def test_the_phone_on_record_is_kept_when_left_empty_and_the_form_shows_it_masked(
    login, front_desk, handler, notice, complete
):
    client = login(front_desk)
    page = client.get(f"/notices/{notice.pk}/").content.decode()
    assert 'placeholder="138****5678"' in page
    assert "13812345678" not in page
    client.post(url(complete), {"handler": handler.pk, "applicant_name": "王先生", "applicant_phone": ""})
    assert Case.objects.get().applicant_phone == "13812345678"
