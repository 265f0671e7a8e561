"""The warning that next year's schedule is missing: admin home, banner tag."""

import pytest
import time_machine
from django.template import Context, Template
from django.test import RequestFactory

from workdays.models import CalendarYear

pytestmark = pytest.mark.django_db


@time_machine.travel("2026-10-15 09:00 +0800")
def test_admin_home_warns_in_october_when_next_year_is_missing(login, administrator):
    response = login(administrator).get("/admin/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="calendar-warning"' in html
    assert "2027" in html
    assert "/admin/workdays/calendaryear/add/?year=2027" in html


@time_machine.travel("2026-09-15 09:00 +0800")
def test_admin_home_is_quiet_in_september(login, administrator):
    html = login(administrator).get("/admin/").content.decode()
    assert 'id="calendar-warning"' not in html


@time_machine.travel("2026-10-15 09:00 +0800")
def test_admin_home_is_quiet_once_next_year_is_entered(login, administrator):
    CalendarYear.objects.create(year=2027, source="manual")
    html = login(administrator).get("/admin/").content.decode()
    assert 'id="calendar-warning"' not in html


@time_machine.travel("2026-09-30 23:30 +0800")
def test_the_warning_follows_shanghai_time_not_utc(login, administrator):
    # Late on 30 September in Beijing: not October yet.
    assert 'id="calendar-warning"' not in login(administrator).get("/admin/").content.decode()


@time_machine.travel("2026-09-30 16:30 +0000")
def test_the_warning_starts_at_midnight_in_shanghai(login, administrator):
    # Still 30 September in UTC, already 1 October in Beijing.
    assert 'id="calendar-warning"' in login(administrator).get("/admin/").content.decode()


def render_banner(user):
    request = RequestFactory().get("/")
    request.user = user
    return Template("{% load workdays_tags %}[{% calendar_warning_banner %}]").render(
        Context({"request": request})
    )


@time_machine.travel("2026-11-02 09:00 +0800")
def test_banner_for_staff_without_the_link_to_the_admin(handler):
    html = render_banner(handler.user)
    assert 'class="alert alert-warning' in html
    assert "2027" in html
    assert "/admin/" not in html


@time_machine.travel("2026-11-02 09:00 +0800")
def test_banner_offers_administrators_the_link(administrator):
    assert "/admin/workdays/calendaryear/add/?year=2027" in render_banner(administrator.user)


@time_machine.travel("2027-01-04 09:00 +0800")
def test_banner_when_the_current_year_itself_is_missing(handler):
    html = render_banner(handler.user)
    assert "data-calendar-warning" in html
    assert "2027" in html


@time_machine.travel("2026-06-02 09:00 +0800")
def test_banner_renders_nothing_when_all_is_well(handler):
    assert render_banner(handler.user).strip() == "[]"


@time_machine.travel("2026-10-15 09:00 +0800")
def test_the_home_page_system_panel_shows_the_banner(login, administrator):
    response = login(administrator).get("/")
    assert response.status_code == 200
    assert "data-calendar-warning" in response.content.decode()
