# ruff: noqa: F811  (the records fixture is imported, then asked for by name)
"""A person's year (/accountability/staff/<id>/<year>/): every record of the
year with its outcome, the counts per outcome, the thresholds (crossed ones
marked); printable. The person, their section's chief and supervisors only."""

import pytest
import time_machine

from tests.accountability.conftest import at
from tests.accountability.records_made import records  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(at(2026, 12, 21), tick=False):
        yield


def url(staff, year=2026):
    return f"/accountability/staff/{staff.pk}/{year}/"


def test_the_year_lists_every_record_with_counts_and_thresholds(login, supervisor, handler, records):
    page = login(supervisor).get(url(handler)).content.decode()
    rows = {line.split('"')[1] for line in page.split("data-record=")[1:]}
    assert rows == {r.number for k, r in records.items() if k != "elsewhere"}
    assert 'data-outcome="warning">1<' in page and 'data-outcome="undecided">4<' in page
    assert 'data-threshold="excellent" data-crossed' in page
    assert 'data-crossing="excellent"' in page  # the crossing as recorded, with its day
    assert "@page" in page and 'data-testid="sheet"' in page


def test_another_year_is_empty(login, handler, records):
    page = login(handler).get(url(handler, 2025)).content.decode()
    assert "data-record=" not in page and 'data-outcome="warning">0<' in page


def test_the_person_and_their_chief_may_read_it(login, handler, chief, records):
    for staff in (handler, chief):
        assert login(staff).get(url(handler)).status_code == 200


def test_others_find_nothing(login, handler, front_desk, other_chief, records):
    for staff in (front_desk, other_chief):
        assert login(staff).get(url(handler)).status_code == 404
    assert login(handler).get(url(records["elsewhere"].staff)).status_code == 404
    assert login(handler).get("/accountability/staff/999999/2026/").status_code == 404


def test_wrong_method_and_anonymous(login, handler, client):
    response = client.get(url(handler))
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert login(handler).post(url(handler)).status_code == 405


def test_the_page_takes_a_bounded_number_of_queries(
    login, supervisor, handler, records, django_assert_max_num_queries
):
    client = login(supervisor)
    with django_assert_max_num_queries(15):
        assert client.get(url(handler)).status_code == 200
