"""The section chief's review queue (/refusals/queue/): their section's filed
refusals with counts and due dates, late ones red, and what was decided lately;
its count on the chief's home links to it."""

import pytest
import time_machine

from refusals.services import refusal_confirm
from tests.refusals.conftest import at

pytestmark = pytest.mark.django_db

URL = "/refusals/queue/"


@pytest.fixture
def cases(official_calendar, open_case):
    with time_machine.travel(at(2026, 12, 1), tick=False):
        return [open_case() for _ in range(3)]


def test_the_chief_sees_what_waits_with_counts_and_due_dates(login, chief, cases, file_refusal):
    late = file_refusal(cases[0], when=at(2026, 12, 1))  # due Thu 12-03
    due_today = file_refusal(cases[1], when=at(2026, 12, 2))  # due Fri 12-04
    decided = file_refusal(cases[2], when=at(2026, 12, 3))
    with time_machine.travel(at(2026, 12, 4), tick=False):
        refusal_confirm(actor=chief.user, refusal=decided, opinion="依据充分")
        page = login(chief).get(URL).content.decode()
    assert 'data-count="waiting">2<' in page
    assert 'data-count="due_today">1<' in page and 'data-count="late">1<' in page
    assert f'<tr data-refusal="{late.number}" class="table-danger" data-late>' in page
    assert f'<tr data-refusal="{due_today.number}">' in page
    assert page.index(late.number) < page.index(due_today.number)  # the earliest due first
    assert f'href="/refusals/{late.pk}/"' in page
    assert 'id="waiting" data-testid="waiting" data-list-total="2"' in page
    assert f'data-decided="{decided.number}"' in page and "依据充分" in page


def test_the_chiefs_home_counts_the_queue_and_links_to_it(login, chief, cases, file_refusal):
    file_refusal(cases[0])
    with time_machine.travel(at(2026, 12, 4), tick=False):
        page = login(chief).get("/").content.decode()
    assert 'href="/refusals/queue/#waiting" data-home-count="1"' in page
    assert "否定报备待审核" in page


def test_wrong_method(login, chief):
    assert login(chief).post(URL).status_code == 405


def test_anonymous_is_sent_to_log_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.parametrize("role", ["handler", "front_desk", "supervisor"])
def test_who_is_no_chief_has_no_queue(request, login, role):
    assert login(request.getfixturevalue(role)).get(URL).status_code == 403


def test_another_sections_chief_sees_none_of_it(login, other_chief, cases, file_refusal):
    refusal = file_refusal(cases[0])
    with time_machine.travel(at(2026, 12, 4), tick=False):
        page = login(other_chief).get(URL).content.decode()
    assert refusal.number not in page and 'data-list-total="0"' in page


def test_a_decided_refusal_leaves_the_queue(login, chief, cases, file_refusal):
    refusal = file_refusal(cases[0])
    with time_machine.travel(at(2026, 12, 4), tick=False):
        refusal_confirm(actor=chief.user, refusal=refusal)
        page = login(chief).get(URL).content.decode()
    assert f'<tr data-refusal="{refusal.number}"' not in page and 'data-list-total="0"' in page


def test_the_queue_costs_the_same_with_more_rows(
    login, chief, cases, file_refusal, django_assert_max_num_queries
):
    client = login(chief)
    file_refusal(cases[0])
    with time_machine.travel(at(2026, 12, 4), tick=False), django_assert_max_num_queries(30) as captured:
        client.get(URL)
    for case in cases[1:]:
        file_refusal(case)
    with time_machine.travel(at(2026, 12, 4), tick=False), django_assert_max_num_queries(len(captured)):
        page = client.get(URL).content.decode()
    assert 'data-list-total="3"' in page
