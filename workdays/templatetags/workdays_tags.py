from dataclasses import dataclass

from django import template
from django.utils import timezone

from workdays.days import missing_schedule_year, next_year_warning

register = template.Library()

# Staff are told from this month on that next year's dates cannot be counted yet.
STAFF_BANNER_FROM_MONTH = 12


@dataclass(frozen=True)
class CalendarWarning:
    year: int
    message: str


def _warning() -> CalendarWarning | None:
    today = timezone.localdate()
    year = missing_schedule_year(today)
    if year is None:
        return None
    return CalendarWarning(year=year, message=next_year_warning(today))


@register.simple_tag
def calendar_warning() -> CalendarWarning | None:
    """The missing-schedule warning (``.year``, ``.message``) or None: ``{% calendar_warning as w %}``."""
    return _warning()


@register.inclusion_tag("workdays/includes/calendar_warning_banner.html", takes_context=True)
def calendar_warning_banner(context):
    """A Bootstrap banner with the warning; renders nothing when all is well."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return {
        "warning": _warning(),
        "can_add_year": bool(user and user.has_perm("workdays.add_calendaryear")),
    }


@register.inclusion_tag("workdays/includes/staff_calendar_banner.html", takes_context=True)
def staff_calendar_banner(context):
    """On every staff page from 1 December (and whenever the current year's
    schedule is missing): dates in that year cannot be counted yet."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"year": None}
    today = timezone.localdate()
    year = missing_schedule_year(today)
    if year is not None and year > today.year and today.month < STAFF_BANNER_FROM_MONTH:
        year = None
    # Whether the user enters schedules comes from the shell (org knows the
    # roles), as a permission check here would cost two queries on every page.
    return {"year": year, "can_add_year": bool(context.get("can_enter_calendar"))}
