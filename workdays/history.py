"""How the calendar's audit events read in the history panel (audit.verbs)."""

from django.utils.translation import gettext_lazy as _

from audit.verbs import Field, choice, register_verb
from workdays.models import CalendarYear, SpecialDay


def _special_days(rows) -> str:
    """[["2026-02-14", "workday", "春节"], ...] as 2026-02-14 调休上班日 春节、..."""
    kinds = dict(SpecialDay.Kind.choices)
    return "、".join(f"{day} {kinds.get(kind, kind)} {name}".strip() for day, kind, name in rows)


SOURCE = choice(_("source"), CalendarYear.Source)


def register() -> None:
    register_verb(
        "calendar.seed",
        _("Holiday schedule loaded from the chinesecalendar package"),
        fields={
            "source": SOURCE,
            "special_days": Field(_("holidays and make-up working days"), _special_days),
        },
        reason=_("Note"),
    )
    register_verb(
        "calendar.mark_manual", _("Calendar corrected by an administrator"), fields={"source": SOURCE}
    )
