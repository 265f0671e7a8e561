"""The supervisors' list of complaints (/accountability/complaints/): counts,
filters by status and overdue, due dates, phones masked; and its counts on
the supervisor's home."""

import re

import pytest
import time_machine

from accountability.services_complaints import complaint_accept, complaint_file
from tests.deadlines.conftest import at

pytestmark = pytest.mark.django_db
URL = "/accountability/complaints/"


@pytest.fixture(autouse=True)
def _monday(official_calendar):
    with time_machine.travel(at(2026, 12, 14), tick=False):
        yield


def file(subject, phone="13912345678", **kwargs):
    return complaint_file(
        actor=None,
        subject=subject,
        description="经过",
        complainant_name="刘女士",
        complainant_phone=phone,
        **kwargs,
    )


@pytest.fixture
def complaints(supervisor):
    """Filed Tue 12-01: one left unaccepted (due 12-10, late on Mon 12-14),
    one accepted; one filed on Mon 12-07, not late yet (due 12-16)."""
    with time_machine.travel(at(2026, 12, 1), tick=False):
        late = file("逾期未受理")
        accepted = complaint_accept(actor=supervisor.user, complaint=file("已受理"))
    with time_machine.travel(at(2026, 12, 7), tick=False):
        fresh = file("新收到", phone="13800002222")
    return late, accepted, fresh


def page_at(client, query=""):
    return client.get(URL + query)


def rows(page: str) -> list[str]:
    return re.findall(r'data-complaint="(TS\d+)"', page)


def test_the_list_shows_every_complaint_with_its_due_date_and_masked_phone(login, supervisor, complaints):
    late, accepted, fresh = complaints
    page = page_at(login(supervisor)).content.decode()
    assert rows(page) == [fresh.number, accepted.number, late.number]
    assert "139****5678" in page and "138****2222" in page
    assert "13912345678" not in page and "13800002222" not in page
    assert f'data-complaint="{late.number}" class="table-danger" data-late' in page
    assert late.accept_due.isoformat() in page and accepted.answer_due.isoformat() in page
    assert 'data-list-total="3"' in page


def test_overdue_and_status_filters(login, supervisor, complaints):
    late, accepted, fresh = complaints
    client = login(supervisor)
    overdue = page_at(client, "?overdue=1").content.decode()
    assert rows(overdue) == [late.number] and 'data-list-total="1"' in overdue
    received = page_at(client, "?status=received").content.decode()
    assert rows(received) == [fresh.number, late.number]
    assert rows(page_at(client, "?status=accepted").content.decode()) == [accepted.number]


def test_the_home_counts_link_to_the_lists_they_count(login, supervisor, complaints):
    client = login(supervisor)
    home = client.get("/").content.decode()
    assert "待受理的效能投诉" in home and "逾期未办的效能投诉" in home
    assert 'href="/accountability/complaints/?overdue=1#complaints"' in home


def test_other_staff_are_refused(login, chief):
    assert login(chief).get(URL).status_code == 403


def test_anonymous_visitors_go_to_the_login(client):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_other_methods_are_refused(login, supervisor):
    assert login(supervisor).post(URL).status_code == 405


def test_the_queries_do_not_grow_with_the_list(
    login, supervisor, complaints, handler, django_assert_max_num_queries
):
    with time_machine.travel(at(2026, 12, 7), tick=False):
        for i in range(10):
            file(f"投诉{i}", about_staff=handler)
    client = login(supervisor)
    with django_assert_max_num_queries(14):
        assert page_at(client).status_code == 200
