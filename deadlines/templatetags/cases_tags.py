"""The case badges, built in Python: they are drawn twice on every row of every
case list, and an inclusion tag renders a template with its own context each
time (about 0.25 ms a badge; bench/ measured the section list's 50 rows)."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

from deadlines.models import CaseStatus

register = template.Library()


def _icon(name: str) -> str:
    return format_html('<i class="bi bi-{}" aria-hidden="true"></i>', name)


@register.simple_tag
def days_left_badge(case):
    """Working days left of an open case (``case.working_days_left``, set by
    selectors.with_working_days_left): red when overdue, amber when due within a day."""
    if not case.is_open:
        return mark_safe('<span class="text-body-secondary">—</span>')
    left = getattr(case, "working_days_left", None)
    if left is None:
        return format_html(
            '<span class="badge badge-status-muted" title="{}">?</span>',
            gettext("The holiday schedule for that year is not entered yet"),
        )
    late = case.overdue or left < 0
    if left < 0:
        text = ngettext("%(days)s working day overdue", "%(days)s working days overdue", -left) % {
            "days": -left
        }
        return format_html(
            '<span class="badge badge-status-late" data-days-left="{}">{}{}</span>',
            left,
            _icon("alarm"),
            text,
        )
    if left == 0:
        return format_html(
            '<span class="badge badge-status-{}" data-days-left="0">{}{}</span>',
            "late" if late else "warn",
            _icon("hourglass-bottom"),
            gettext("Due today"),
        )
    tone = "late" if late else "warn" if left == 1 else "info"
    text = ngettext("%(days)s working day left", "%(days)s working days left", left) % {"days": left}
    return format_html('<span class="badge badge-status-{}" data-days-left="{}">{}</span>', tone, left, text)


@register.simple_tag
def case_status_badge(case):
    """The status in words, red with "Overdue" for a flagged open case, and
    "late" on a case completed after its due date."""
    label = case.get_status_display()
    if case.is_open and case.overdue:
        return format_html(
            '<span class="badge badge-status-late" data-status="{}">{}{} · {}</span>',
            case.status,
            _icon("exclamation-triangle"),
            gettext("Overdue"),
            label,
        )
    if case.status == CaseStatus.COMPLETED:
        on_time = case.completed_on_time
        return format_html(
            '<span class="badge badge-status-{}" data-status="{}">{}{}{}</span>',
            "ok" if on_time else "warn",
            case.status,
            _icon("check2-circle"),
            label,
            "" if on_time else " · " + gettext("late"),
        )
    return format_html(
        '<span class="badge badge-status-{}" data-status="{}">{}</span>',
        "info" if case.is_open else "muted",
        case.status,
        label,
    )
