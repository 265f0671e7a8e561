"""A complaint's page (/accountability/complaints/<id>/) and the supervisor's
steps on it: accept, decline with a reason, extend once with a reason, answer;
the complainant's phone masked until a logged click."""

import pytest
import time_machine

from accountability.models import ComplaintStatus, Record, Source
from accountability.services_complaints import complaint_accept, complaint_file
from audit.models import AuditEvent
from core.masking import PERSONAL_DATA_VIEWED
from tests.deadlines.conftest import at

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _friday(official_calendar):
    with time_machine.travel(at(2026, 12, 4), tick=False):
        yield


@pytest.fixture
def complaint(handler):
    return complaint_file(
        actor=None,
        subject="窗口久等",
        description="在3号窗口等了一个小时。",
        complainant_name="刘女士",
        complainant_phone="13912345678",
        about_staff=handler,
        about_number="202612010001",
    )


@pytest.fixture
def accepted(complaint, supervisor):
    return complaint_accept(actor=supervisor.user, complaint=complaint)


def url(complaint, step=""):
    return f"/accountability/complaints/{complaint.pk}/{step + '/' if step else ''}"


def test_the_supervisor_sees_the_complaint_with_the_phone_masked(login, supervisor, complaint, handler):
    page = login(supervisor).get(url(complaint)).content.decode()
    assert "在3号窗口等了一个小时。" in page and "刘女士" in page and handler.name in page
    assert 'data-testid="phone">139****5678<' in page and "13912345678" not in page
    assert 'data-testid="accept"' in page and 'data-testid="decline"' in page
    assert 'data-testid="answer-form"' not in page
    assert "收到效能投诉" in page  # the history panel


def test_showing_the_full_number_is_logged(login, supervisor, complaint):
    response = login(supervisor).post(url(complaint, "contact"))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-testid="phone">13912345678<' in page
    assert "投诉人电话" in page  # the sight, in the history panel
    event = AuditEvent.objects.get(verb=PERSONAL_DATA_VIEWED)
    assert event.after == {"complainant_phone": True} and event.actor == supervisor.user


def test_accepting_sets_the_answer_date(login, supervisor, complaint):
    response = login(supervisor).post(url(complaint, "accept"), follow=True)
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.ACCEPTED and complaint.answer_due is not None
    page = response.content.decode()
    assert f"请于 {complaint.answer_due.isoformat()} 前答复" in page
    assert 'data-testid="answer-form"' in page and 'data-testid="extend"' in page


def test_declining_needs_the_reason_told_to_the_complainant(login, supervisor, complaint):
    client = login(supervisor)
    response = client.post(url(complaint, "decline"), {"decline-reason": " "})
    assert response.status_code == 400
    assert "请填写将告知投诉人的理由" in response.content.decode()
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.RECEIVED
    client.post(url(complaint, "decline"), {"decline-reason": "不属于本局管辖。"})
    complaint.refresh_from_db()
    assert (complaint.status, complaint.decline_reason) == (ComplaintStatus.DECLINED, "不属于本局管辖。")


def test_extending_once_then_not_again(login, supervisor, accepted):
    client = login(supervisor)
    before = accepted.answer_due
    client.post(url(accepted, "extend"), {"extend-reason": "需调取外单位材料。"})
    accepted.refresh_from_db()
    assert accepted.answer_due > before and accepted.extend_reason == "需调取外单位材料。"
    response = client.post(url(accepted, "extend"), {"extend-reason": "再延一次"})
    assert response.status_code == 409
    assert (
        'data-testid="conflict"' in response.content.decode()
        and "已延期一次，不能再延期" in response.content.decode()
    )


def test_extending_without_a_reason_is_a_form_error(login, supervisor, accepted):
    response = login(supervisor).post(url(accepted, "extend"), {"extend-reason": ""})
    assert response.status_code == 400 and "请填写延期理由" in response.content.decode()


def test_answering_upheld_opens_the_record_against_the_person(login, supervisor, accepted, handler):
    response = login(supervisor).post(
        url(accepted, "answer"),
        {
            "answer-answer": "经核实属实，已批评教育。",
            "answer-upheld": "yes",
            "answer-investigation": "调取监控核实",
        },
        follow=True,
    )
    accepted.refresh_from_db()
    assert (accepted.status, accepted.upheld, accepted.investigation) == (
        ComplaintStatus.ANSWERED,
        True,
        "调取监控核实",
    )
    assert Record.objects.get(source=Source.COMPLAINT, source_id=accepted.pk).staff == handler
    page = response.content.decode()
    assert (
        'data-testid="answer">经核实属实，已批评教育。<' in page and 'data-testid="answer-form"' not in page
    )


def test_an_answer_without_saying_upheld_or_not_is_a_form_error(login, supervisor, accepted):
    response = login(supervisor).post(url(accepted, "answer"), {"answer-answer": "答复"})
    assert response.status_code == 400 and "请认定投诉是否属实" in response.content.decode()
    accepted.refresh_from_db()
    assert accepted.status == ComplaintStatus.ACCEPTED


@pytest.mark.parametrize("step", ["accept", "decline"])
def test_accepting_or_declining_an_accepted_complaint_is_a_conflict(login, supervisor, accepted, step):
    response = login(supervisor).post(url(accepted, step), {"decline-reason": "迟到的不予受理"})
    assert response.status_code == 409
    assert 'data-testid="conflict"' in response.content.decode()


def test_answering_a_complaint_not_accepted_is_a_conflict(login, supervisor, complaint):
    response = login(supervisor).post(
        url(complaint, "answer"), {"answer-answer": "答复", "answer-upheld": "no"}
    )
    assert response.status_code == 409


@pytest.mark.parametrize("step", ["", "contact", "accept", "decline", "extend", "answer"])
def test_staff_other_than_supervisors_are_refused(login, chief, complaint, step):
    client = login(chief)
    response = client.post(url(complaint, step)) if step else client.get(url(complaint))
    assert response.status_code == 403
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.RECEIVED


@pytest.mark.parametrize("step", ["", "accept"])
def test_anonymous_visitors_go_to_the_login(client, complaint, step):
    response = client.post(url(complaint, step)) if step else client.get(url(complaint))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_a_complaint_that_does_not_exist_is_not_found(login, supervisor, complaint):
    client = login(supervisor)
    assert client.get(f"/accountability/complaints/{complaint.pk + 99}/").status_code == 404
    assert client.post(f"/accountability/complaints/{complaint.pk + 99}/accept/").status_code == 404


def test_wrong_methods_are_refused(login, supervisor, complaint):
    client = login(supervisor)
    assert client.post(url(complaint)).status_code == 405
    assert client.get(url(complaint, "accept")).status_code == 405
    assert client.get(url(complaint, "contact")).status_code == 405


def test_the_queries_of_the_page(login, supervisor, accepted, django_assert_max_num_queries):
    client = login(supervisor)
    with django_assert_max_num_queries(12):
        assert client.get(url(accepted)).status_code == 200
