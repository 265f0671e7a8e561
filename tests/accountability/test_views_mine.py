# ruff: noqa: F811  (the records fixture is imported, then asked for by name)
"""My records (/accountability/mine/): a staff member's own records, their
open cards counted as the home counts them, and where they stand against the
bureau's thresholds this year."""

import pytest
import time_machine

from tests.accountability.conftest import at
from tests.accountability.records_made import records  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

URL = "/accountability/mine/"


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(at(2026, 12, 21), tick=False):
        yield


def numbers(page, attribute):
    return {line.split('"')[1] for line in page.split(f"{attribute}=")[1:]}


def test_the_handler_sees_their_own_records_counted(login, handler, records):
    page = login(handler).get(URL).content.decode()
    assert 'id="open" data-testid="open" data-list-total="4"' in page
    assert numbers(page, "data-row") == {records[k].number for k in ("new", "explained", "red", "appealed")}
    assert numbers(page, "data-record") == {r.number for k, r in records.items() if k != "elsewhere"}
    assert 'data-count="yellow"' in page and 'data-count="red"' in page
    # One efficiency warning this year: the 'excellent' rating is barred (the limit is 1).
    assert 'data-threshold="excellent" data-crossed' in page
    assert 'data-threshold="front_desk" data-crossed' not in page
    assert f'href="/accountability/staff/{handler.pk}/2026/"' in page


def test_a_late_explanation_is_red(login, handler, records):
    page = login(handler).get(URL).content.decode()
    assert f'data-row="{records["new"].number}" class="table-danger" data-late' in page


def test_a_chief_sees_only_their_own_here(login, chief, records):
    page = login(chief).get(URL).content.decode()
    assert 'data-list-total="0"' in page and records["new"].number not in page


def test_wrong_method_anonymous_and_no_staff(login, handler, client, django_user_model):
    response = client.get(URL)
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert login(handler).post(URL).status_code == 405
    client.force_login(django_user_model.objects.create_user("nobody"))
    assert client.get(URL).status_code == 403


def test_the_page_takes_a_bounded_number_of_queries(login, handler, records, django_assert_max_num_queries):
    client = login(handler)
    with django_assert_max_num_queries(20):
        assert client.get(URL).status_code == 200
