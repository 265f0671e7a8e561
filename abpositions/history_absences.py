"""How the absences' audit events read in the history panel (audit.verbs)."""

from django.utils.translation import gettext_lazy as _

from abpositions.models import AbsenceKind
from audit.verbs import choice, moment, register_verb, related, text
from org.models import Staff

ABSENCE_FIELDS = {
    "staff": related(_("staff member"), Staff),
    "kind": choice(_("kind"), AbsenceKind),
    "start": moment(_("from")),
    "end": moment(_("until")),
    "contact": text(_("reachable at")),
    "cover": related(_("named cover"), Staff),
    "posts_both_away": text(_("posts with both holders away")),
    "cancelled_at": moment(_("cancelled at")),
}


def register_absence_verbs() -> None:
    register_verb("absence.register", _("Absence registered"), fields=ABSENCE_FIELDS, reason=_("note"))
    register_verb("absence.cancel", _("Absence cancelled"), fields=ABSENCE_FIELDS)
    register_verb("absence.end", _("Back from the absence"), fields=ABSENCE_FIELDS)
