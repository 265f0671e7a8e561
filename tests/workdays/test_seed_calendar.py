import pytest
from django.core.management import CommandError, call_command

from workdays.models import CalendarYear, SpecialDay

pytestmark = pytest.mark.django_db


def test_rerun_reports_every_year_unchanged(capsys):
    call_command("seed_calendar")
    out = capsys.readouterr().out
    assert "unchanged: 2004, 2005" in out
    assert "created" not in out and "updated" not in out


def test_one_year_restored_after_it_was_deleted(capsys):
    CalendarYear.objects.filter(year=2025).delete()
    call_command("seed_calendar", "--year", "2025")
    assert "created: 2025" in capsys.readouterr().out
    assert SpecialDay.objects.filter(date__year=2025).count() > 20


def test_manual_year_needs_force(capsys):
    CalendarYear.objects.filter(year=2026).update(source="manual")
    SpecialDay.objects.filter(date__year=2026, kind="workday").delete()
    call_command("seed_calendar", "--year", "2026")
    assert "left alone" in capsys.readouterr().out
    assert not SpecialDay.objects.filter(date__year=2026, kind="workday").exists()

    call_command("seed_calendar", "--year", "2026", "--force")
    assert "updated: 2026" in capsys.readouterr().out
    assert SpecialDay.objects.filter(date__year=2026, kind="workday").count() == 6


def test_a_year_beyond_the_package_is_a_clear_error():
    with pytest.raises(CommandError, match="not 2027"):
        call_command("seed_calendar", "--year", "2027")
