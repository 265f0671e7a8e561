"""Seeding the calendar from chinesecalendar, and marking a year manual."""

from datetime import date

import pytest

from audit.models import AuditEvent
from workdays.days import add_working_days
from workdays.models import CalendarYear, SpecialDay
from workdays.services import YearNotInPackage, calendar_seed_from_package, calendar_year_mark_manual

pytestmark = pytest.mark.django_db

# rules.md, "Facts the code must get right": the 2026 schedule.
HOLIDAYS_2026 = {
    "元旦": [(1, 1), (1, 2), (1, 3)],
    "春节": [(2, d) for d in range(15, 24)],
    "清明": [(4, 4), (4, 5), (4, 6)],
    "劳动节": [(5, d) for d in range(1, 6)],
    "端午": [(6, 19), (6, 20), (6, 21)],
    "中秋": [(9, 25), (9, 26), (9, 27)],
    "国庆节": [(10, d) for d in range(1, 8)],
}
MAKE_UP_2026 = {(1, 4), (2, 14), (2, 28), (5, 9), (9, 20), (10, 10)}


def seed_events():
    return AuditEvent.objects.filter(verb="calendar.seed")


def days_of(year):
    return sorted(SpecialDay.objects.filter(calendar_year__year=year).values_list("date", "kind", "name"))


def test_migrate_seeded_2004_to_2026_from_the_package():
    assert list(CalendarYear.objects.order_by("year").values_list("year", flat=True)) == list(
        range(2004, 2027)
    )
    assert set(CalendarYear.objects.values_list("source", flat=True)) == {"package"}


def test_the_2026_schedule_matches_the_state_council_notice():
    holidays = {
        (d.month, d.day): name
        for d, name in SpecialDay.objects.filter(date__year=2026, kind="holiday").values_list("date", "name")
    }
    expected = {md: name for name, days in HOLIDAYS_2026.items() for md in days}
    assert holidays == expected
    make_up = {
        (d.month, d.day)
        for d in SpecialDay.objects.filter(date__year=2026, kind="workday").values_list("date", flat=True)
    }
    assert make_up == MAKE_UP_2026
    assert SpecialDay.objects.get(date=date(2026, 2, 14)).name == "春节"


def test_seeding_again_changes_nothing():
    before = days_of(2026)
    result = calendar_seed_from_package()
    assert result.unchanged == list(range(2004, 2027))
    assert result.created == result.updated == result.skipped_manual == []
    assert days_of(2026) == before
    assert not seed_events().exists()


def test_seeding_an_empty_calendar_creates_every_year_with_one_event_each_then_nothing(administrator):
    CalendarYear.objects.all().delete()
    result = calendar_seed_from_package(actor=administrator.user)
    assert result.created == list(range(2004, 2027))
    assert CalendarYear.objects.count() == 23
    assert seed_events().count() == 23
    event = seed_events().get(subject_repr="2026")
    assert event.actor == administrator.user
    assert ["2026-02-14", "workday", "春节"] in event.after["special_days"]
    assert add_working_days(date(2026, 2, 13), 2) == date(2026, 2, 24)

    snapshot = {year: days_of(year) for year in (2004, 2015, 2026)}
    again = calendar_seed_from_package()
    assert again.unchanged == list(range(2004, 2027))
    assert seed_events().count() == 23
    assert {year: days_of(year) for year in (2004, 2015, 2026)} == snapshot


def test_a_manual_year_is_left_alone():
    year = CalendarYear.objects.get(year=2026)
    SpecialDay.objects.filter(date=date(2026, 2, 28)).delete()  # say the bureau was told otherwise
    SpecialDay.objects.create(calendar_year=year, date=date(2026, 3, 2), kind="holiday", name="本地假日")
    year.source = "manual"
    year.save()

    result = calendar_seed_from_package()
    assert result.skipped_manual == [2026]
    assert SpecialDay.objects.filter(date=date(2026, 3, 2)).exists()
    assert not SpecialDay.objects.filter(date=date(2026, 2, 28)).exists()
    assert CalendarYear.objects.get(year=2026).source == "manual"
    assert not seed_events().exists()


def test_force_restores_a_manual_year_to_the_package_and_records_it():
    year = CalendarYear.objects.get(year=2026)
    SpecialDay.objects.filter(date=date(2026, 2, 28)).delete()
    SpecialDay.objects.create(calendar_year=year, date=date(2026, 3, 2), kind="holiday", name="本地假日")
    SpecialDay.objects.filter(date=date(2026, 10, 10)).update(name="改过的名字")
    year.source = "manual"
    year.save()

    result = calendar_seed_from_package(years=[2026], force=True)
    assert result.updated == [2026]
    year.refresh_from_db()
    assert year.source == "package"
    assert SpecialDay.objects.get(date=date(2026, 2, 28)).kind == "workday"
    assert SpecialDay.objects.get(date=date(2026, 10, 10)).name == "国庆节"
    assert not SpecialDay.objects.filter(date=date(2026, 3, 2)).exists()
    event = seed_events().get()
    assert event.before["source"] == "manual"
    assert ["2026-03-02", "holiday", "本地假日"] in event.before["special_days"]
    assert event.after["source"] == "package"
    assert calendar_seed_from_package(years=[2026], force=True).unchanged == [2026]


def test_a_package_year_that_drifted_is_brought_back_without_force():
    SpecialDay.objects.filter(date=date(2026, 5, 9)).delete()
    result = calendar_seed_from_package(years=[2026])
    assert result.updated == [2026]
    assert SpecialDay.objects.get(date=date(2026, 5, 9)).kind == "workday"


def test_a_year_the_package_does_not_cover_is_refused():
    with pytest.raises(YearNotInPackage, match="2027"):
        calendar_seed_from_package(years=[2027])
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_mark_manual_records_once(administrator):
    year = CalendarYear.objects.get(year=2026)
    assert calendar_year_mark_manual(calendar_year=year, actor=administrator.user, reason="corrected") is True
    assert year.source == "manual"
    assert CalendarYear.objects.get(year=2026).source == "manual"
    assert calendar_year_mark_manual(calendar_year=year, actor=administrator.user) is False
    event = AuditEvent.objects.get(verb="calendar.mark_manual")
    assert (event.before, event.after, event.reason) == (
        {"source": "package"},
        {"source": "manual"},
        "corrected",
    )
