# ruff: noqa: F811  (the records fixture is imported, then asked for by name)
"""The supervisor's desk (/accountability/): counts that match their lists,
due dates with the late ones red, open complaints; supervisors only. And the
home's cards that link to it."""

import pytest
import time_machine

from accountability.services_complaints import complaint_file
from tests.accountability.conftest import at
from tests.accountability.records_made import records  # noqa: F401  (fixture)
from tests.org.test_home_counts import COUNT

pytestmark = pytest.mark.django_db

URL = "/accountability/"


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(at(2026, 12, 21), tick=False):
        yield


def rows(page, section):
    part = page.split(f' id="{section}"')[1].split("</section>")[0]
    return {line.split('"')[1] for line in part.split("data-row=")[1:]}


def total(page, section):
    return int(page.split(f' id="{section}"')[1].split('data-list-total="')[1].split('"')[0])


def test_the_supervisor_sees_each_list_with_its_count(login, supervisor, records):
    page = login(supervisor).get(URL).content.decode()
    assert rows(page, "new") == {records[k].number for k in ("new", "appealed", "elsewhere")}
    assert rows(page, "explained") == {records["explained"].number}
    assert rows(page, "red") == {records["red"].number}
    assert rows(page, "appeals") == {records["appealed"].number}
    for section, count in (("new", 3), ("explained", 1), ("red", 1), ("appeals", 1), ("complaints", 0)):
        assert total(page, section) == count, section


def test_late_ones_are_red(login, supervisor, records):
    page = login(supervisor).get(URL).content.decode()
    new = page.split(' id="new"')[1].split("</section>")[0]
    assert f'data-row="{records["new"].number}" class="table-danger" data-late' in new


def test_open_complaints_show_their_next_due_date(login, supervisor, handler, official_calendar):
    with time_machine.travel(at(2026, 12, 17), tick=False):
        complaint = complaint_file(
            actor=None,
            subject="窗口态度差",
            description="办事人员不耐烦",
            about_staff=handler,
            complainant_name="刘女士",
            complainant_phone="13900001111",
        )
    page = login(supervisor).get(URL).content.decode()
    assert rows(page, "complaints") == {complaint.number}
    assert complaint.accept_due.isoformat() in page.split(' id="complaints"')[1]
    assert f'href="/accountability/complaints/{complaint.pk}/"' in page
    assert "13900001111" not in page


def test_the_home_counts_link_to_the_desk_lists(login, supervisor, handler, records):
    home = {m["url"]: int(m["count"]) for m in COUNT.finditer(login(supervisor).get("/").content.decode())}
    assert {url: n for url, n in home.items() if url.startswith(URL)} == {
        "/accountability/#red": 1,
        "/accountability/#appeals": 1,
        "/accountability/#explained": 1,
        "/accountability/mine/#open": 0,
        # The complaints' own counts link to their list (none filed here).
        "/accountability/complaints/?status=received#complaints": 0,
        "/accountability/complaints/?overdue=1#complaints": 0,
    }
    mine = {m["url"]: int(m["count"]) for m in COUNT.finditer(login(handler).get("/").content.decode())}
    assert mine["/accountability/mine/#open"] == 4


def test_wrong_method_and_anonymous(login, supervisor, client):
    response = client.get(URL)
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert login(supervisor).post(URL).status_code == 405


def test_others_may_not_see_the_desk(login, handler, chief):
    for staff in (handler, chief):
        assert login(staff).get(URL).status_code == 403


def test_the_desk_takes_a_bounded_number_of_queries(
    login, supervisor, records, django_assert_max_num_queries
):
    client = login(supervisor)
    with django_assert_max_num_queries(20):
        assert client.get(URL).status_code == 200
