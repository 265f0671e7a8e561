import re

import pytest
import time_machine
from django.urls import reverse

from org.roles import Role
from workdays.models import CalendarYear, SpecialDay

pytestmark = pytest.mark.django_db

URL = "/calendar/"


def cell(html, day):
    """The class and kind of one date's <td> in the page."""
    match = re.search(rf'<td(?: class="([^"]*)")? data-date="{day}" data-kind="(\w+)"', html)
    assert match is not None, f"no cell for {day}"
    return {"class": match.group(1) or "", "kind": match.group(2)}


def month_count(html, month):
    match = re.search(rf'data-month="{month}" data-working-days="(\d+)"', html)
    return int(match.group(1))


def test_url_name():
    assert reverse("workdays:year") == URL


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL + "?year=2026")
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert "next=/calendar/" in response.url


@pytest.mark.parametrize(
    "role", [Role.FRONT_DESK, Role.HANDLER, Role.SECTION_CHIEF, Role.SUPERVISOR, Role.ADMINISTRATOR]
)
def test_every_member_of_staff_may_view(login, make_staff, role):
    response = login(make_staff(role)).get(URL, {"year": 2026})
    assert response.status_code == 200


def test_the_2026_calendar_marks_holidays_and_make_up_days(login, handler):
    html = login(handler).get(URL, {"year": 2026}).content.decode()
    assert cell(html, "2026-02-14")["kind"] == "workday"
    assert "bg-primary-subtle" in cell(html, "2026-02-14")["class"]
    assert cell(html, "2026-02-16")["kind"] == "holiday"
    assert "bg-danger-subtle" in cell(html, "2026-02-16")["class"]
    assert cell(html, "2026-10-10")["kind"] == "workday"
    assert cell(html, "2026-10-01")["kind"] == "holiday"
    assert cell(html, "2026-03-07")["kind"] == "weekend"
    assert cell(html, "2026-03-09")["kind"] == "working"
    assert 'id="calendar-legend"' in html
    assert 'title="春节' in html


def test_working_day_counts_per_month_and_year(login, handler):
    html = login(handler).get(URL, {"year": 2026}).content.decode()
    # February: 20 weekdays, 6 of them Spring Festival, plus 2 make-up Saturdays.
    assert month_count(html, 2) == 16
    # October: 22 weekdays, 5 of them National Day, plus make-up Saturday 10/10.
    assert month_count(html, 10) == 18
    assert sum(month_count(html, m) for m in range(1, 13)) == 248
    assert 'id="year-working-days" data-working-days="248"' in html


def test_previous_and_next_year_links(login, handler):
    html = login(handler).get(URL, {"year": 2026}).content.decode()
    assert 'href="?year=2025"' in html
    assert 'href="?year=2027"' in html


def test_an_unknown_year_shows_the_warning_not_a_grid(login, handler):
    response = login(handler).get(URL, {"year": 2027})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="calendar-unknown-year"' in html
    assert "2027" in html
    assert "data-date=" not in html
    # Only administrators get the link to enter it.
    assert "/admin/workdays/calendaryear/add/" not in html


def test_administrator_is_offered_to_enter_an_unknown_year(login, administrator):
    html = login(administrator).get(URL, {"year": 2027}).content.decode()
    assert "/admin/workdays/calendaryear/add/?year=2027" in html


@time_machine.travel("2026-06-01 10:00 +0800")
def test_without_a_year_the_current_one_is_shown(login, handler):
    html = login(handler).get(URL).content.decode()
    assert 'data-date="2026-06-19"' in html


@pytest.mark.parametrize("year", ["abc", "1.5", "99999", "-1", "1800"])
def test_a_bad_year_is_400_with_an_error(login, handler, year):
    response = login(handler).get(URL, {"year": year})
    assert response.status_code == 400
    assert 'class="alert alert-danger"' in response.content.decode()


def test_a_correction_shows_at_once(login, handler):
    client = login(handler)
    assert cell(client.get(URL, {"year": 2026}).content.decode(), "2026-03-02")["kind"] == "working"
    SpecialDay.objects.create(
        calendar_year=CalendarYear.objects.get(year=2026), date="2026-03-02", kind="holiday", name="测试"
    )
    html = client.get(URL, {"year": 2026}).content.decode()
    assert cell(html, "2026-03-02")["kind"] == "holiday"
    assert month_count(html, 3) == 21


def test_the_grid_needs_few_queries(login, handler, django_assert_max_num_queries):
    client = login(handler)
    with django_assert_max_num_queries(11):
        client.get(URL, {"year": 2026})


def test_post_is_not_allowed(login, handler):
    assert login(handler).post(URL).status_code == 405
