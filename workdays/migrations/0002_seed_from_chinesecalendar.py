"""Seed the calendar from chinesecalendar on the first migrate.

Self-contained on purpose: a migration must keep working as the live code
changes, so it reads the package here rather than calling
workdays.services. Later package updates are loaded with
``manage.py seed_calendar``, which also writes the audit trail.
"""

import sys

from django.db import migrations


def seed(apps, schema_editor):
    try:
        import chinese_calendar
    except ImportError:
        sys.stderr.write(
            "chinesecalendar is not installed: the working-day calendar starts empty; "
            "install it and run `manage.py seed_calendar`, or enter the years in the admin.\n"
        )
        return
    CalendarYear = apps.get_model("workdays", "CalendarYear")
    SpecialDay = apps.get_model("workdays", "SpecialDay")

    def chinese(name):
        try:
            return chinese_calendar.Holiday(name).chinese
        except ValueError:
            return str(name)

    by_year = {}
    for days, kind in ((chinese_calendar.holidays, "holiday"), (chinese_calendar.workdays, "workday")):
        for day, name in days.items():
            by_year.setdefault(day.year, []).append((day, kind, chinese(name)))
    existing = set(CalendarYear.objects.values_list("year", flat=True))
    for year, rows in sorted(by_year.items()):
        if year in existing:
            continue
        calendar_year = CalendarYear.objects.create(year=year, source="package")
        SpecialDay.objects.bulk_create(
            SpecialDay(calendar_year=calendar_year, date=day, kind=kind, name=name) for day, kind, name in rows
        )


class Migration(migrations.Migration):
    dependencies = [("workdays", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
