"""Counting working days on the real 2026 schedule (seeded on migrate)."""

from datetime import date, datetime, timedelta

import pytest
from django.utils import translation

from workdays.days import (
    UnpublishedYearError,
    add_working_days,
    is_working_day,
    known_years,
    next_year_warning,
    working_days_between,
)
from workdays.models import CalendarYear, SpecialDay

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 1, 1), False),  # New Year, Thursday
        (date(2026, 1, 4), True),  # make-up, Sunday
        (date(2026, 1, 5), True),  # ordinary Monday
        (date(2026, 1, 10), False),  # ordinary Saturday
        (date(2026, 2, 14), True),  # make-up, Saturday
        (date(2026, 2, 23), False),  # Spring Festival, Monday
        (date(2026, 2, 28), True),  # make-up, Saturday
        (date(2026, 4, 6), False),  # Qingming, Monday
        (date(2026, 5, 5), False),  # Labour Day, Tuesday
        (date(2026, 5, 9), True),  # make-up, Saturday
        (date(2026, 6, 19), False),  # Dragon Boat, Friday
        (date(2026, 9, 20), True),  # make-up, Sunday
        (date(2026, 9, 25), False),  # Mid-Autumn, Friday
        (date(2026, 10, 7), False),  # National Day, Wednesday
        (date(2026, 10, 10), True),  # make-up, Saturday
    ],
)
def test_is_working_day_follows_the_2026_schedule(day, working):
    assert is_working_day(day) is working


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (date(2026, 2, 13), 1, date(2026, 2, 14)),  # Friday -> make-up Saturday
        (date(2026, 2, 13), 2, date(2026, 2, 24)),  # then the whole Spring Festival is off
        (date(2026, 9, 18), 1, date(2026, 9, 20)),  # Friday -> make-up Sunday
        (date(2026, 9, 30), 1, date(2026, 10, 8)),
        (date(2026, 9, 30), 2, date(2026, 10, 9)),
        (date(2026, 9, 30), 3, date(2026, 10, 10)),  # make-up Saturday
        (date(2026, 9, 30), 4, date(2026, 10, 12)),
        (date(2025, 12, 31), 1, date(2026, 1, 4)),  # across the year into a make-up Sunday
        (date(2026, 4, 3), 1, date(2026, 4, 7)),  # Qingming weekend plus Monday
        (date(2026, 4, 30), 1, date(2026, 5, 6)),
        (date(2026, 5, 8), 1, date(2026, 5, 9)),
        (date(2026, 1, 5), 4, date(2026, 1, 9)),  # an ordinary week
        (date(2026, 1, 5), 5, date(2026, 1, 12)),
        (date(2026, 1, 9), 1, date(2026, 1, 12)),  # an ordinary weekend is skipped
    ],
)
def test_add_working_days_forwards(start, n, expected):
    assert add_working_days(start, n) == expected


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (date(2026, 2, 24), -1, date(2026, 2, 14)),  # back over Spring Festival to the make-up day
        (date(2026, 2, 24), -2, date(2026, 2, 13)),
        (date(2026, 10, 8), -1, date(2026, 9, 30)),
        (date(2026, 9, 21), -1, date(2026, 9, 20)),
        (date(2026, 1, 4), -1, date(2025, 12, 31)),  # back across the year
        (date(2026, 1, 12), -1, date(2026, 1, 9)),
    ],
)
def test_add_working_days_backwards_for_reminders_before_the_due_date(start, n, expected):
    assert add_working_days(start, n) == expected


def test_zero_days_is_the_start_itself_even_on_a_holiday():
    assert add_working_days(date(2026, 10, 1), 0) == date(2026, 10, 1)


def test_a_long_count_spans_several_years():
    # 2025 and 2026 have 248 working days each (as chinesecalendar counts
    # them too); counting them from the last day of 2024 lands on Thursday
    # 2026-12-31, the last working day of 2026.
    total = working_days_between(date(2024, 12, 31), date(2026, 12, 31))
    assert total == 248 + 248
    assert add_working_days(date(2024, 12, 31), total) == date(2026, 12, 31)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (date(2026, 2, 13), date(2026, 2, 24), 2),
        (date(2026, 2, 24), date(2026, 2, 13), -2),
        (date(2026, 9, 30), date(2026, 10, 10), 3),
        (date(2026, 10, 10), date(2026, 9, 30), -3),
        (date(2026, 10, 1), date(2026, 10, 7), 0),  # all holiday
        (date(2026, 3, 2), date(2026, 3, 2), 0),
        (date(2025, 12, 31), date(2026, 1, 4), 1),
        (date(2026, 1, 1), date(2026, 12, 31), 248),  # New Year's Day is off anyway
    ],
)
def test_working_days_between(a, b, expected):
    assert working_days_between(a, b) == expected


def test_2026_has_248_working_days():
    # 261 weekdays; 19 of them are holidays (New Year 2, Spring Festival 6,
    # Qingming 1, Labour Day 3, Dragon Boat 1, Mid-Autumn 1, National Day 5);
    # 6 make-up weekend days are worked.
    weekdays = sum(1 for i in range(365) if (date(2026, 1, 1) + timedelta(days=i)).weekday() < 5)
    assert weekdays == 261
    assert working_days_between(date(2025, 12, 31), date(2026, 12, 31)) == 261 - 19 + 6


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (date(2026, 2, 13), date(2026, 2, 14)),
        (date(2026, 2, 13), date(2026, 2, 24)),
        (date(2026, 2, 24), date(2026, 2, 13)),
        (date(2026, 9, 30), date(2026, 10, 10)),
        (date(2026, 10, 10), date(2026, 9, 30)),
        (date(2026, 10, 3), date(2026, 9, 20)),  # from a holiday, backwards
        (date(2026, 10, 4), date(2026, 10, 12)),  # from a holiday, forwards
        (date(2026, 1, 3), date(2025, 12, 31)),
        (date(2025, 12, 31), date(2026, 1, 4)),
        (date(2026, 3, 7), date(2026, 3, 6)),  # Saturday back to Friday
    ],
)
def test_add_working_days_undoes_working_days_between(a, b):
    assert is_working_day(b)
    assert add_working_days(a, working_days_between(a, b)) == b


def test_round_trip_on_every_working_day_of_2026_from_two_starts():
    starts = [date(2026, 2, 21), date(2026, 7, 1)]  # a holiday and an ordinary day
    day = date(2026, 1, 1)
    while day.year == 2026:
        if is_working_day(day):
            for start in starts:
                assert add_working_days(start, working_days_between(start, day)) == day
        day += timedelta(days=1)


def test_a_date_in_an_unpublished_year_raises_with_a_clear_message():
    assert not CalendarYear.objects.filter(year=2027).exists()
    with pytest.raises(UnpublishedYearError) as raised:
        is_working_day(date(2027, 1, 4))
    assert raised.value.year == 2027
    assert isinstance(raised.value, ValueError)
    with translation.override("en"):
        assert str(raised.value) == (
            "The official holiday schedule for 2027 has not been entered yet; an administrator must add it "
            "before dates in 2027 can be counted."
        )


def test_counting_into_an_unpublished_year_raises_rather_than_guessing():
    # 2026-12-31 is a Thursday: the next working day would be in 2027.
    with pytest.raises(UnpublishedYearError) as raised:
        add_working_days(date(2026, 12, 31), 1)
    assert raised.value.year == 2027
    with pytest.raises(UnpublishedYearError):
        working_days_between(date(2026, 12, 1), date(2027, 1, 5))
    with pytest.raises(UnpublishedYearError):
        add_working_days(date(2027, 1, 5), -3)


def test_counting_up_to_the_end_of_a_known_year_does_not_need_the_next():
    assert add_working_days(date(2026, 12, 30), 1) == date(2026, 12, 31)


def test_counting_through_an_unknown_year_between_known_ones_raises():
    CalendarYear.objects.create(year=2028, source="manual")
    with pytest.raises(UnpublishedYearError) as raised:
        add_working_days(date(2026, 12, 1), 300)
    assert raised.value.year == 2027
    with pytest.raises(UnpublishedYearError):
        working_days_between(date(2026, 12, 1), date(2028, 1, 5))


def test_an_entered_year_with_no_special_days_counts_plain_weekdays():
    CalendarYear.objects.create(year=2027, source="manual")
    assert add_working_days(date(2026, 12, 31), 1) == date(2027, 1, 1)


def test_a_correction_counts_at_once():
    # 2026-03-02 is an ordinary Monday; an administrator makes it a holiday.
    assert add_working_days(date(2026, 2, 27), 2) == date(2026, 3, 2)
    SpecialDay.objects.create(
        calendar_year=CalendarYear.objects.get(year=2026), date=date(2026, 3, 2), kind="holiday", name="测试"
    )
    assert not is_working_day(date(2026, 3, 2))
    assert add_working_days(date(2026, 2, 27), 2) == date(2026, 3, 3)
    assert working_days_between(date(2026, 2, 27), date(2026, 3, 3)) == 2


def test_one_query_per_call_whatever_the_span(django_assert_num_queries):
    with django_assert_num_queries(1):
        assert add_working_days(date(2025, 12, 31), 1) == date(2026, 1, 4)
    with django_assert_num_queries(1):
        add_working_days(date(2024, 1, 2), 600)
    with django_assert_num_queries(1):
        working_days_between(date(2010, 1, 1), date(2026, 12, 31))
    with django_assert_num_queries(1):
        is_working_day(date(2026, 5, 9))


def test_known_years_are_the_entered_ones_in_order():
    assert known_years() == list(range(2004, 2027))
    CalendarYear.objects.create(year=2027, source="manual")
    assert known_years()[-1] == 2027


@pytest.mark.parametrize(
    ("today", "warns"),
    [
        (date(2026, 9, 30), False),
        (date(2026, 10, 1), True),
        (date(2026, 12, 31), True),
        (date(2026, 3, 1), False),
    ],
)
def test_next_year_warning_from_october_when_next_year_is_missing(today, warns):
    warning = next_year_warning(today)
    assert (warning is not None) is warns
    if warns:
        assert "2027" in warning


def test_no_warning_once_next_year_is_entered():
    CalendarYear.objects.create(year=2027, source="manual")
    assert next_year_warning(date(2026, 10, 15)) is None


def test_the_current_year_missing_is_always_warned():
    warning = next_year_warning(date(2027, 3, 1))
    assert warning is not None
    assert "2027" in warning


def test_a_datetime_is_refused_rather_than_miscounted():
    with pytest.raises(TypeError, match="expected a date"):
        is_working_day(datetime(2026, 10, 1, 9, 0))
    with pytest.raises(TypeError):
        add_working_days(datetime(2026, 9, 30, 9, 0), 1)
    with pytest.raises(TypeError):
        working_days_between(date(2026, 9, 30), datetime(2026, 10, 8))
