"""From 1 December every staff page says that dates in next year cannot be
computed until the administrator enters its schedule; /healthz says so too."""

import pytest
import time_machine

from workdays.models import CalendarYear

pytestmark = pytest.mark.django_db

BANNER = "data-staff-calendar-banner"
ENTER = "/admin/workdays/calendaryear/add/?year=2027"


@pytest.fixture(autouse=True)
def no_2027(db):
    CalendarYear.objects.filter(year=2027).delete()


@time_machine.travel("2026-11-30 09:00 +0800")
def test_november_pages_carry_no_banner(login, handler):
    assert BANNER not in login(handler).get("/cases/").content.decode()


@time_machine.travel("2026-12-01 09:00 +0800")
def test_from_1_december_every_staff_page_carries_the_banner_without_the_link(login, handler):
    client = login(handler)
    for url in ("/", "/cases/", "/inbox/", "/inquiries/"):
        html = client.get(url).content.decode()
        assert BANNER in html, url
        assert "2027" in html
        assert ENTER not in html


@time_machine.travel("2026-12-01 09:00 +0800")
def test_an_administrator_gets_the_link_to_enter_the_schedule(login, administrator):
    html = login(administrator).get("/").content.decode()
    assert BANNER in html
    assert ENTER in html


@time_machine.travel("2026-12-01 09:00 +0800")
def test_no_banner_once_the_schedule_is_entered(login, handler):
    CalendarYear.objects.create(year=2027, source="manual")
    assert BANNER not in login(handler).get("/cases/").content.decode()


@time_machine.travel("2026-12-01 09:00 +0800")
def test_the_login_page_carries_no_banner(client):
    assert BANNER not in client.get("/accounts/login/").content.decode()


@time_machine.travel("2027-01-04 09:00 +0800")
def test_in_january_the_banner_and_the_admin_home_speak_of_the_current_year(login, handler, administrator):
    assert BANNER in login(handler).get("/cases/").content.decode()
    html = login(administrator).get("/admin/").content.decode()
    assert 'id="calendar-warning"' in html and "2027" in html


@pytest.mark.parametrize(
    ("moment", "ok"),
    [("2026-09-15 09:00 +0800", True), ("2026-10-01 09:00 +0800", False), ("2027-01-04 09:00 +0800", False)],
)
def test_healthz_says_whether_a_needed_schedule_is_missing(client, moment, ok):
    with time_machine.travel(moment):
        response = client.get("/healthz")
    assert response.status_code == 200  # the site still serves: not critical
    assert response.json()["checks"]["calendar"] == ("ok" if ok else "error")


@time_machine.travel("2026-12-01 09:00 +0800")
def test_healthz_is_quiet_once_next_year_is_entered(client):
    CalendarYear.objects.create(year=2027, source="manual")
    assert client.get("/healthz").json()["checks"]["calendar"] == "ok"
