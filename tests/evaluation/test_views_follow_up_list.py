"""The follow-up list (/evaluation/follow-ups/): a section chief's section's,
every section's for supervisors (with a section filter); count cards that
filter it, late ones red; and the home's counts that link to it."""

# ruff: noqa: F811  (the fixtures imported from follow_ups_made are taken as arguments)

import re

import pytest
import time_machine

from evaluation.services import follow_up_appeal, follow_up_call_back, follow_up_fix
from tests.evaluation.conftest import at
from tests.evaluation.follow_ups_made import follow_up, other_follow_up, second_follow_up, slow  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db

URL = "/evaluation/follow-ups/"


@pytest.fixture(autouse=True)
def today():
    # Mon 2026-12-14: every follow-up of Fri 12-04 was due Fri 12-11.
    with time_machine.travel(at(2026, 12, 14), tick=False):
        yield


@pytest.fixture
def mixed(chief, follow_up, second_follow_up, other_follow_up):
    """The section's first follow-up called back and fixed (not late), its second
    left open and appealed (late); the other section's left open (late)."""
    follow_up_call_back(actor=chief.user, follow_up=follow_up, note="已回访")
    follow_up_fix(actor=chief.user, follow_up=follow_up, note="已整改")
    follow_up_appeal(actor=chief.user, follow_up=second_follow_up, reason="恶意评价")
    return follow_up, second_follow_up, other_follow_up


def numbers(page: str) -> set[str]:
    return set(re.findall(r'data-follow-up="(\d+)"', page))


def total(page: str) -> int:
    return int(re.search(r'id="follow-ups"[^>]*data-list-total="(\d+)"', page).group(1))


def card(page: str, key: str) -> int:
    return int(re.search(rf'data-count="{key}">.*?<div class="stat-value">(\d+)</div>', page, re.S).group(1))


def test_the_chief_lists_their_sections_follow_ups_with_counts(login, chief, mixed):
    fixed, late, _ = mixed
    page = login(chief).get(URL).content.decode()
    assert numbers(page) == {fixed.rating.case.number, late.rating.case.number}
    assert total(page) == 2
    assert [card(page, key) for key in ("open", "called", "late", "fixed", "appealed")] == [1, 0, 1, 1, 1]
    assert 'data-testid="department-filter"' not in page
    late_row = re.search(rf'<tr data-follow-up="{late.rating.case.number}"[^>]*>', page).group(0)
    assert "data-late" in late_row and "table-danger" in late_row


def test_filters_by_status_late_and_appeal(login, chief, mixed):
    fixed, late, _ = mixed
    client = login(chief)
    assert numbers(client.get(URL, {"late": "true"}).content.decode()) == {late.rating.case.number}
    assert numbers(client.get(URL, {"status": "fixed"}).content.decode()) == {fixed.rating.case.number}
    assert numbers(client.get(URL, {"status": "pending"}).content.decode()) == {late.rating.case.number}
    assert numbers(client.get(URL, {"appeal": "filed"}).content.decode()) == {late.rating.case.number}


def test_the_supervisor_lists_every_section_and_filters_by_one(login, supervisor, mixed, other_department):
    client = login(supervisor)
    page = client.get(URL).content.decode()
    assert total(page) == 3 and 'data-testid="department-filter"' in page
    assert card(page, "late") == 2
    other = client.get(URL, {"department": other_department.pk}).content.decode()
    assert total(other) == 1


def test_the_home_cards_link_to_the_list_with_the_same_number(login, chief, supervisor, mixed):
    for staff, expected in (
        (chief, {"status=pending": 1}),
        (supervisor, {"appeal=filed": 1, "late=true": 2}),
    ):
        client = login(staff)
        home = client.get("/").content.decode()
        for query, count in expected.items():
            link = re.search(rf'href="({URL}\?{query}#follow-ups)"[^>]*data-home-count="(\d+)"', home)
            assert link, (staff, query)
            assert int(link.group(2)) == count
            assert total(client.get(link.group(1).split("#")[0]).content.decode()) == count


def test_a_handler_and_a_front_desk_may_not_see_the_list(login, handler, front_desk):
    for staff in (handler, front_desk):
        assert login(staff).get(URL).status_code == 403
    assert "/evaluation/follow-ups/" not in login(handler).get("/").content.decode()


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_wrong_method(login, chief):
    assert login(chief).post(URL).status_code == 405


def test_the_list_takes_a_bounded_number_of_queries(login, supervisor, mixed, django_assert_max_num_queries):
    client = login(supervisor)
    with django_assert_max_num_queries(20):
        assert client.get(URL).status_code == 200
