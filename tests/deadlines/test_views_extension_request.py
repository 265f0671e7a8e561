import pytest
import time_machine

from deadlines.models import Extension, ExtensionStatus
from deadlines.services import extension_approve, extension_request
from messaging.models import Message
from tests.deadlines.conftest import at


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(at(2026, 11, 10), tick=False):
        yield


@pytest.fixture
def case(open_case):
    return open_case(received_at=at(2026, 11, 2))  # 10 wd: due Mon 2026-11-16; cap 10 wd


def url(case):
    return f"/cases/{case.pk}/extensions/"


def test_get_is_not_allowed(login, handler, case):
    assert login(handler).get(url(case)).status_code == 405


def test_anonymous_is_sent_to_login(client, case):
    assert client.post(url(case), {"days": 3, "reason": "x"})["Location"].startswith("/accounts/login/")


def test_the_handler_requests_and_the_chief_is_told(login, handler, chief, case):
    response = login(handler).post(url(case), {"days": "3", "reason": "需现场核查"}, follow=True)
    extension = Extension.objects.get()
    assert extension.status == ExtensionStatus.PENDING
    assert extension.days == 3
    assert extension.requested_by == handler
    assert response.redirect_chain[-1][0] == f"/cases/{case.pk}/"
    assert any("2026-11-11" in str(m) for m in response.context["messages"])
    assert Message.objects.filter(kind="extension.request", recipient=chief.user).exists()
    case.refresh_from_db()
    assert str(case.due_date) == "2026-11-16"  # only approval moves it


@pytest.mark.parametrize("role", ["supervisor", "front_desk"])
def test_viewers_who_do_not_work_the_case_are_refused(role, request, login, case):
    response = login(request.getfixturevalue(role)).post(url(case), {"days": 3, "reason": "x"})
    assert response.status_code == 403
    assert not Extension.objects.exists()


def test_the_chief_of_another_section_gets_404(login, other_chief, case):
    assert login(other_chief).post(url(case), {"days": 3, "reason": "x"}).status_code == 404


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"days": "abc", "reason": "x"}, "days"),
        ({"days": "0", "reason": "x"}, "days"),
        ({"days": "-2", "reason": "x"}, "days"),
        ({"days": "3", "reason": ""}, "reason"),
        ({"days": "11", "reason": "超出上限"}, "days"),
    ],
)
def test_bad_input_and_the_cap_are_form_errors(login, handler, case, data, field):
    response = login(handler).post(url(case), data)
    assert response.status_code == 200
    assert field in response.context["extension_form"].errors
    assert not Extension.objects.exists()


def test_the_cap_counts_what_was_granted(login, handler, chief, case):
    extension_approve(
        actor=chief.user, extension=extension_request(actor=handler.user, case=case, days=8, reason="一")
    )
    response = login(handler).post(url(case), {"days": "3", "reason": "二"})
    assert "days" in response.context["extension_form"].errors
    assert "8" in " ".join(response.context["extension_form"].errors["days"])


def test_a_second_request_while_one_waits_is_a_clear_message(login, handler, case):
    client = login(handler)
    client.post(url(case), {"days": "2", "reason": "一"}, follow=True)
    response = client.post(url(case), {"days": "2", "reason": "二"}, follow=True)
    assert Extension.objects.count() == 1
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
