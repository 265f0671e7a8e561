from dataclasses import dataclass

from django import template
from django.utils import timezone

from workdays.days import missing_schedule_year, next_year_warning

register = template.Library()


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
