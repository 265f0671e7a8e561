"""Public complaint tracking (/complaints/track/): the number and the last four
digits of the phone; only the status, the dates and the answer; the same page
for every pair that finds nothing; ten lookups an hour per address."""

import re

import pytest
import time_machine
from django.core.cache import cache

from accountability.services_complaints import (
    complaint_accept,
    complaint_answer,
    complaint_decline,
    complaint_file,
)
from tests.deadlines.conftest import at

pytestmark = pytest.mark.django_db
URL = "/complaints/track/"
SECRET_DESCRIPTION = "三号窗口的经办人让我等了一个小时"
SECRET_INVESTIGATION = "调取监控核实，经办人离岗四十分钟"


@pytest.fixture(autouse=True)
def _fresh_counters(official_calendar):
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def complaint(handler):
    with time_machine.travel(at(2026, 12, 1), tick=False):
        return complaint_file(
            actor=None,
            subject="窗口久等",
            description=SECRET_DESCRIPTION,
            complainant_name="刘女士",
            complainant_phone="13912345678",
            about_staff=handler,
        )


@pytest.fixture
def answered(complaint, supervisor):
    with time_machine.travel(at(2026, 12, 2), tick=False):
        complaint_accept(actor=supervisor.user, complaint=complaint)
    with time_machine.travel(at(2026, 12, 3), tick=False):
        return complaint_answer(
            actor=supervisor.user,
            complaint=complaint,
            answer="经核实投诉属实，已对相关人员批评教育。",
            upheld=True,
            investigation=SECRET_INVESTIGATION,
        )


def look_up(client, number, last4, **extra):
    with time_machine.travel(at(2026, 12, 4), tick=False):
        return client.post(URL, {"number": number, "phone_last4": last4}, **extra)


def as_answered(response) -> str:
    """The page without what differs by request alone: the CSRF token and the
    entries echoed back into the form."""
    page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())
    return re.sub(r'(name="(?:number|phone_last4)"[^>]*?) value="[^"]*"', r"\1", page)


def test_the_page_needs_no_login(client, db):
    response = client.get(URL)
    assert response.status_code == 200
    assert 'name="phone_last4"' in response.content.decode()


def test_the_right_pair_shows_the_status_and_dates_of_a_received_complaint(client, complaint):
    response = look_up(client, complaint.number, "5678")
    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="track-result"' in page
    assert 'data-testid="track-status">已收到，待受理<' in page
    assert f'data-testid="track-accept-due">{complaint.accept_due:%Y-%m-%d}<' in page


def test_a_number_typed_in_lower_case_or_full_width_is_found(client, complaint):
    assert (
        'data-testid="track-result"' in look_up(client, complaint.number.lower(), "５６７８").content.decode()
    )


def test_an_answered_complaint_shows_the_answer_and_nothing_else_of_the_file(client, answered):
    page = look_up(client, answered.number, "5678").content.decode()
    assert 'data-testid="track-answer">经核实投诉属实，已对相关人员批评教育。<' in page
    assert "已答复" in page and "2026-12-03" in page and "2026-12-02" in page
    for secret in (
        SECRET_DESCRIPTION,
        SECRET_INVESTIGATION,
        "刘女士",
        "13912345678",
        "窗口久等",
        answered.about_staff.name,
    ):
        assert secret not in page


def test_a_declined_complaint_shows_why(client, complaint, supervisor):
    complaint_decline(
        actor=supervisor.user, complaint=complaint, reason="不属于本局管辖范围，请向市场监管局反映。"
    )
    page = look_up(client, complaint.number, "5678").content.decode()
    assert 'data-testid="track-decline-reason">不属于本局管辖范围，请向市场监管局反映。<' in page
    assert SECRET_DESCRIPTION not in page


def test_every_wrong_pair_gets_the_same_answer(client, complaint, handler):
    anonymous = complaint_file(actor=None, subject="匿名", description="匿名反映", anonymous=True)
    pairs = [
        ("TS209901010001", "5678"),  # no such number
        (complaint.number, "1234"),  # wrong digits
        (anonymous.number, "5678"),  # anonymous: never tracked
        (anonymous.number, "0000"),
        ("abc", "56x8"),  # malformed
        (complaint.number, "345678"),  # more than four digits
    ]
    responses = [
        look_up(client, number, last4, REMOTE_ADDR=f"10.0.0.{i}") for i, (number, last4) in enumerate(pairs)
    ]
    assert {response.status_code for response in responses} == {200}
    pages = {as_answered(response) for response in responses}
    assert len(pages) == 1
    page = pages.pop()
    assert 'data-testid="track-not-found"' in page and "未找到与该编号和电话相符的投诉" in page
    assert 'data-testid="track-result"' not in page and "invalid-feedback" not in page


def test_the_eleventh_lookup_in_an_hour_is_refused(client, complaint):
    for _ in range(10):
        assert look_up(client, complaint.number, "0000").status_code == 200
    response = look_up(client, complaint.number, "5678")
    assert response.status_code == 429
    page = response.content.decode()
    assert 'data-testid="limited"' in page and 'data-testid="track-result"' not in page
    assert look_up(client, complaint.number, "5678", REMOTE_ADDR="10.0.0.9").status_code == 200


def test_other_methods_are_refused(client, db):
    assert client.put(URL).status_code == 405


def test_a_lookup_costs_a_query(client, answered, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        assert look_up(client, answered.number, "5678").status_code == 200
