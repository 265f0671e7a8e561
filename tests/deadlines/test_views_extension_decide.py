import pytest
import time_machine
from django.utils.translation import gettext

from deadlines.models import ExtensionStatus
from deadlines.services import extension_request
from messaging.models import Message
from org.roles import Role
from tests.deadlines.conftest import at


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(at(2026, 11, 10), tick=False):
        yield


@pytest.fixture
def case(open_case):
    return open_case(received_at=at(2026, 11, 2))  # due Mon 2026-11-16


@pytest.fixture
def extension(case, handler):
    return extension_request(actor=handler.user, case=case, days=3, reason="需现场核查，等待检测报告")


def approve(extension):
    return f"/cases/extensions/{extension.pk}/approve/"


def reject(extension):
    return f"/cases/extensions/{extension.pk}/reject/"


def levels(response):
    return [m.level_tag for m in response.context["messages"]]


@pytest.mark.parametrize("verb", [approve, reject])
def test_get_is_not_allowed(verb, login, chief, extension):
    assert login(chief).get(verb(extension)).status_code == 405


@pytest.mark.parametrize("verb", [approve, reject])
def test_anonymous_is_sent_to_login(verb, client, extension):
    assert client.post(verb(extension))["Location"].startswith("/accounts/login/")


def test_the_chief_approves_the_due_date_moves_and_the_applicant_is_told_why(login, chief, case, extension):
    response = login(chief).post(approve(extension), {"note": "同意"}, follow=True)
    assert response.redirect_chain[-1][0] == "/cases/section/"
    assert levels(response) == ["success"]
    extension.refresh_from_db()
    case.refresh_from_db()
    assert extension.status == ExtensionStatus.APPROVED
    assert extension.decision_note == "同意"
    assert str(case.due_date) == "2026-11-19"
    sms = Message.objects.get(kind="extension.applicant")
    assert "需现场核查，等待检测报告" in sms.body


def test_rejecting_needs_a_note(login, chief, extension):
    client = login(chief)
    response = client.post(reject(extension), {"note": ""}, follow=True)
    assert levels(response) == ["error"]
    extension.refresh_from_db()
    assert extension.status == ExtensionStatus.PENDING
    client.post(reject(extension), {"note": "时限内可以办结"})
    extension.refresh_from_db()
    assert extension.status == ExtensionStatus.REJECTED
    assert Message.objects.filter(kind="extension.rejected").count() == 1


def test_a_second_decision_is_refused_as_already_decided(login, chief, case, extension):
    client = login(chief)
    client.post(approve(extension), follow=True)
    response = client.post(reject(extension), {"note": "不同意"}, follow=True)
    assert levels(response) == ["error"]
    assert gettext("This extension request has been decided already.") in str(
        list(response.context["messages"])[0]
    )
    case.refresh_from_db()
    assert str(case.due_date) == "2026-11-19"


@pytest.mark.parametrize("verb", [approve, reject])
def test_a_chief_does_not_decide_their_own_request(verb, login, chief, case):
    own = extension_request(actor=chief.user, case=case, days=2, reason="本人申请")
    assert login(chief).post(verb(own), {"note": "同意"}).status_code == 403
    own.refresh_from_db()
    assert own.status == ExtensionStatus.PENDING


def test_another_chief_of_the_section_decides_it(login, chief, make_staff, case):
    own = extension_request(actor=chief.user, case=case, days=2, reason="本人申请")
    deputy = make_staff(Role.SECTION_CHIEF, name="副科长")
    login(deputy).post(approve(own))
    own.refresh_from_db()
    assert own.status == ExtensionStatus.APPROVED


@pytest.mark.parametrize("verb", [approve, reject])
@pytest.mark.parametrize("role", ["handler", "supervisor", "front_desk"])
def test_who_may_view_but_not_decide_gets_403(verb, role, request, login, extension):
    assert login(request.getfixturevalue(role)).post(verb(extension), {"note": "不同意"}).status_code == 403
    extension.refresh_from_db()
    assert extension.status == ExtensionStatus.PENDING


@pytest.mark.parametrize("verb", [approve, reject])
@pytest.mark.parametrize("role", ["other_chief", "administrator"])
def test_who_may_not_view_the_case_gets_404(verb, role, request, login, extension):
    assert login(request.getfixturevalue(role)).post(verb(extension), {"note": "不同意"}).status_code == 404
    extension.refresh_from_db()
    assert extension.status == ExtensionStatus.PENDING


@pytest.mark.parametrize("verb", ["approve", "reject"])
def test_an_unknown_request_is_404(verb, login, chief, db):
    assert login(chief).post(f"/cases/extensions/99999/{verb}/", {"note": "x"}).status_code == 404


def test_approving_after_the_case_closed_is_refused_with_a_message(login, handler, chief, case, extension):
    from deadlines.services import case_complete

    case_complete(actor=handler.user, case=case)
    response = login(chief).post(approve(extension), follow=True)
    assert levels(response) == ["error"]
    extension.refresh_from_db()
    case.refresh_from_db()
    assert extension.status == ExtensionStatus.PENDING
    assert str(case.due_date) == "2026-11-16"


def test_back_to_the_page_it_came_from_but_never_off_site(login, chief, case, extension):
    client = login(chief)
    response = client.post(reject(extension), {"note": "", "next": f"/cases/{case.pk}/"})
    assert response["Location"] == f"/cases/{case.pk}/"
    response = client.post(reject(extension), {"note": "", "next": "https://evil.example/"})
    assert response["Location"] == "/cases/section/"


def test_an_overlong_note_is_a_message_not_a_500(login, chief, extension):
    response = login(chief).post(reject(extension), {"note": "不" * 3000}, follow=True)
    assert levels(response) == ["error"]
    extension.refresh_from_db()
    assert extension.status == ExtensionStatus.PENDING
