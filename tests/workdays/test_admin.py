"""Administrators correct the calendar and enter next year in the admin."""

from datetime import date

import pytest

from audit.models import AuditEvent
from workdays.days import add_working_days, is_working_day
from workdays.models import CalendarYear, SpecialDay

pytestmark = pytest.mark.django_db

YEARS = "/admin/workdays/calendaryear/"
DAYS = "/admin/workdays/specialday/"


def inline_data(calendar_year, rows, extra=()):
    """POST data for the year's change form: the existing rows, then new ones."""
    data = {
        "year": calendar_year.year if calendar_year.pk is None else "",
        "note": calendar_year.note,
        "special_days-TOTAL_FORMS": str(len(rows) + len(extra)),
        "special_days-INITIAL_FORMS": str(len(rows)),
        "special_days-MIN_NUM_FORMS": "0",
        "special_days-MAX_NUM_FORMS": "1000",
    }
    for i, (day, changes) in enumerate(list(rows) + list(extra)):
        prefix = f"special_days-{i}-"
        data[prefix + "id"] = day.pk or "" if day is not None else ""
        data[prefix + "calendar_year"] = calendar_year.pk or ""
        values = {"date": day.date, "kind": day.kind, "name": day.name} if day is not None else {}
        values.update(changes)
        for key, value in values.items():
            data[prefix + key] = value
    return data


@pytest.fixture
def admin_client(login, administrator):
    return login(administrator)


def test_non_staff_cannot_reach_the_calendar_admin(login, handler, client):
    assert client.get(YEARS).status_code == 302  # anonymous -> admin login
    response = login(handler).get(YEARS)
    assert response.status_code == 302
    assert "/admin/login/" in response.url


def test_staff_without_the_administrator_role_is_refused(login, make_staff):
    supervisor = make_staff("supervisor")
    supervisor.user.is_staff = True
    supervisor.user.save()
    assert login(supervisor).get(YEARS).status_code == 403


def test_year_list_shows_counts(admin_client):
    response = admin_client.get(YEARS)
    assert response.status_code == 200
    row = next(r for r in response.context["cl"].result_list if r.year == 2026)
    assert (row.holiday_total, row.make_up_total) == (33, 6)


def test_special_days_filter_by_year_and_kind(admin_client):
    year = CalendarYear.objects.get(year=2026)
    response = admin_client.get(DAYS, {"calendar_year__id__exact": year.pk, "kind__exact": "workday"})
    assert response.status_code == 200
    assert sorted(d.date for d in response.context["cl"].result_list) == [
        date(2026, 1, 4),
        date(2026, 2, 14),
        date(2026, 2, 28),
        date(2026, 5, 9),
        date(2026, 9, 20),
        date(2026, 10, 10),
    ]


def test_adding_next_year_with_its_days_makes_it_countable_and_manual(admin_client, administrator):
    new_year = CalendarYear(year=2027, note="国办发明电〔2026〕X号")
    data = inline_data(
        new_year,
        [],
        extra=[
            (None, {"date": "2027-01-01", "kind": "holiday", "name": "元旦"}),
            (None, {"date": "2027-01-02", "kind": "holiday", "name": "元旦"}),
            (None, {"date": "2027-01-03", "kind": "holiday", "name": "元旦"}),
        ],
    )
    response = admin_client.post(YEARS + "add/", data)
    assert response.status_code == 302, response.context["errors"] if response.context else response
    year = CalendarYear.objects.get(year=2027)
    assert year.source == "manual"
    assert year.special_days.count() == 3
    assert add_working_days(date(2026, 12, 31), 1) == date(2027, 1, 4)
    verbs = list(AuditEvent.objects.filter(actor=administrator.user).values_list("verb", flat=True))
    assert verbs.count("admin.create") == 4  # the year and its three days


def test_making_a_date_a_holiday_in_the_inline_changes_counting_at_once(admin_client):
    year = CalendarYear.objects.get(year=2026)
    assert add_working_days(date(2026, 2, 27), 2) == date(2026, 3, 2)
    rows = [(d, {}) for d in year.special_days.order_by("date")]
    data = inline_data(
        year, rows, extra=[(None, {"date": "2026-03-02", "kind": "holiday", "name": "临时调整"})]
    )
    response = admin_client.post(f"{YEARS}{year.pk}/change/", data)
    assert response.status_code == 302
    assert add_working_days(date(2026, 2, 27), 2) == date(2026, 3, 3)
    year.refresh_from_db()
    assert year.source == "manual"
    assert AuditEvent.objects.filter(verb="calendar.mark_manual", subject_repr="2026").exists()
    assert AuditEvent.objects.filter(verb="admin.create", after__name="临时调整").exists()


def test_deleting_and_changing_inline_rows_are_audited(admin_client):
    year = CalendarYear.objects.get(year=2026)
    days = list(year.special_days.order_by("date"))
    rows = []
    for day in days:
        if day.date == date(2026, 2, 28):
            rows.append((day, {"DELETE": "on"}))
        elif day.date == date(2026, 10, 10):
            rows.append((day, {"name": "国庆调休"}))
        else:
            rows.append((day, {}))
    response = admin_client.post(f"{YEARS}{year.pk}/change/", inline_data(year, rows))
    assert response.status_code == 302
    assert not is_working_day(date(2026, 2, 28))
    assert SpecialDay.objects.get(date=date(2026, 10, 10)).name == "国庆调休"
    deleted = AuditEvent.objects.get(verb="admin.delete")
    assert deleted.before["date"] == "2026-02-28"
    changed = AuditEvent.objects.get(verb="admin.change", subject_repr__startswith="2026-10-10")
    assert (changed.before["name"], changed.after["name"]) == ("国庆节", "国庆调休")


def test_saving_without_changes_leaves_a_package_year_alone(admin_client):
    year = CalendarYear.objects.get(year=2025)
    rows = [(d, {}) for d in year.special_days.order_by("date")]
    assert admin_client.post(f"{YEARS}{year.pk}/change/", inline_data(year, rows)).status_code == 302
    year.refresh_from_db()
    assert year.source == "package"


def test_a_date_from_another_year_is_a_form_error(admin_client):
    year = CalendarYear.objects.get(year=2026)
    rows = [(d, {}) for d in year.special_days.order_by("date")]
    data = inline_data(year, rows, extra=[(None, {"date": "2025-03-03", "kind": "holiday", "name": "错年"})])
    response = admin_client.post(f"{YEARS}{year.pk}/change/", data)
    assert response.status_code == 200
    assert "2026" in str(response.context["inline_admin_formsets"][0].formset.errors)
    assert not SpecialDay.objects.filter(date=date(2025, 3, 3)).exists()
    assert CalendarYear.objects.get(year=2026).source == "package"


def test_a_date_from_another_year_is_refused_when_adding_a_year_too(admin_client):
    data = inline_data(
        CalendarYear(year=2027), [], extra=[(None, {"date": "2026-03-03", "kind": "holiday", "name": "错年"})]
    )
    response = admin_client.post(YEARS + "add/", data)
    assert response.status_code == 200
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_a_make_up_day_on_a_weekday_is_a_form_error(admin_client):
    response = admin_client.post(DAYS + "add/", {"date": "2026-03-03", "kind": "workday", "name": "x"})
    assert response.status_code == 200
    assert "kind" in response.context["adminform"].form.errors
    assert not SpecialDay.objects.filter(date=date(2026, 3, 3)).exists()


def test_a_special_day_in_a_year_not_entered_is_a_form_error(admin_client):
    response = admin_client.post(DAYS + "add/", {"date": "2027-01-01", "kind": "holiday", "name": "元旦"})
    assert response.status_code == 200
    assert "date" in response.context["adminform"].form.errors
    assert not SpecialDay.objects.filter(date=date(2027, 1, 1)).exists()


def test_a_duplicate_date_is_a_form_error(admin_client):
    response = admin_client.post(DAYS + "add/", {"date": "2026-10-01", "kind": "holiday", "name": "again"})
    assert response.status_code == 200
    assert SpecialDay.objects.filter(date=date(2026, 10, 1)).count() == 1


def test_adding_a_special_day_files_it_under_its_year_and_marks_the_year_manual(admin_client):
    response = admin_client.post(DAYS + "add/", {"date": "2026-03-02", "kind": "holiday", "name": "临时调整"})
    assert response.status_code == 302
    day = SpecialDay.objects.get(date=date(2026, 3, 2))
    assert day.calendar_year.year == 2026
    assert day.calendar_year.source == "manual"
    assert not is_working_day(date(2026, 3, 2))
    assert AuditEvent.objects.filter(verb="admin.create", subject_repr__startswith="2026-03-02").exists()


def test_moving_a_special_day_to_another_year_marks_both(admin_client):
    day = SpecialDay.objects.get(date=date(2026, 10, 10))
    response = admin_client.post(
        f"{DAYS}{day.pk}/change/", {"date": "2025-10-18", "kind": "workday", "name": "x"}
    )
    assert response.status_code == 302
    day.refresh_from_db()
    assert day.calendar_year.year == 2025
    assert set(CalendarYear.objects.filter(source="manual").values_list("year", flat=True)) == {2025, 2026}


def test_deleting_special_days_in_bulk_is_audited_and_marks_the_year(admin_client):
    ids = list(SpecialDay.objects.filter(date__year=2026, kind="workday").values_list("pk", flat=True))
    response = admin_client.post(DAYS, {"action": "delete_selected", "_selected_action": ids, "post": "yes"})
    assert response.status_code == 302
    assert not SpecialDay.objects.filter(date__year=2026, kind="workday").exists()
    assert AuditEvent.objects.filter(verb="admin.delete").count() == 6
    assert CalendarYear.objects.get(year=2026).source == "manual"
    assert not is_working_day(date(2026, 2, 14))


def test_the_history_page_shows_the_trail(admin_client):
    admin_client.post(DAYS + "add/", {"date": "2026-03-02", "kind": "holiday", "name": "临时调整"})
    year = CalendarYear.objects.get(year=2026)
    response = admin_client.get(f"{YEARS}{year.pk}/history/")
    assert response.status_code == 200
    assert "calendar.mark_manual" in response.content.decode()
