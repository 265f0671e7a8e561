"""Logging a complaint received by phone or at the desk (/accountability/complaints/new/):
any member of staff; the supervisors see it in their list at once."""

import pytest
import time_machine

from accountability.models import Complaint, ComplaintChannel
from tests.deadlines.conftest import at

pytestmark = pytest.mark.django_db
URL = "/accountability/complaints/new/"


@pytest.fixture(autouse=True)
def _friday(official_calendar):
    with time_machine.travel(at(2026, 12, 4), tick=False):
        yield


def data(**changes):
    values = {
        "channel": ComplaintChannel.PHONE,
        "subject": "电话反映办事拖延",
        "description": "来电人称其申请已逾期一周未办结。",
        "complainant_name": "孙先生",
        "complainant_phone": "13700001111",
    }
    values.update(changes)
    return values


def test_the_desk_logs_a_phone_complaint_and_is_told_the_number(login, front_desk, handler):
    client = login(front_desk)
    assert 'name="channel"' in client.get(URL).content.decode()
    response = client.post(URL, data(about_staff=handler.pk), follow=True)
    complaint = Complaint.objects.get()
    assert (complaint.channel, complaint.logged_by, complaint.about_staff) == (
        ComplaintChannel.PHONE,
        front_desk,
        handler,
    )
    assert response.redirect_chain[-1][0] == URL
    page = response.content.decode()
    assert complaint.number in page and "/complaints/track/" in page
    assert complaint.accept_due.isoformat() in page


def test_a_supervisor_logging_one_lands_on_its_page(login, supervisor):
    response = login(supervisor).post(URL, data(channel=ComplaintChannel.DESK))
    complaint = Complaint.objects.get()
    assert complaint.channel == ComplaintChannel.DESK
    assert (
        response.status_code == 302 and response["Location"] == f"/accountability/complaints/{complaint.pk}/"
    )


def test_an_anonymous_caller_needs_no_name(login, front_desk):
    response = login(front_desk).post(
        URL, data(anonymous="on", complainant_name="", complainant_phone=""), follow=True
    )
    assert Complaint.objects.get().anonymous
    assert "匿名" in response.content.decode()


def test_missing_contact_is_a_form_error_and_saves_nothing(login, front_desk):
    response = login(front_desk).post(URL, data(complainant_name="", complainant_phone=""))
    assert response.status_code == 400
    assert "请填写能联系到您的电话号码" in response.content.decode()
    assert not Complaint.objects.exists()


def test_anonymous_visitors_go_to_the_login(client):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_a_login_without_a_staff_record_is_refused(client, django_user_model):
    user = django_user_model.objects.create_user("nobody", password="x")
    client.force_login(user)
    assert client.get(URL).status_code == 403


def test_other_methods_are_refused(login, front_desk):
    assert login(front_desk).put(URL).status_code == 405


def test_the_queries_of_a_logging(login, front_desk, handler, django_assert_max_num_queries):
    client = login(front_desk)
    with django_assert_max_num_queries(30):
        assert client.post(URL, data(about_staff=handler.pk)).status_code == 302
