"""How the handovers' audit events read in the history panel (audit.verbs)."""

from django.utils.translation import gettext_lazy as _

from abpositions.models import Handover
from audit.verbs import day, model_field, register_verb, related, text, yes_no
from org.models import Staff

# What services_handovers._snapshot records, and what handing over adds.
HANDOVER_FIELDS = {
    "status": model_field(Handover, "status"),
    "holder": related(_("A holder"), Staff),
    "cover": related(_("cover"), Staff),
    "acknowledge_by": day(_("acknowledge by")),
    "remarks": text(_("remarks")),
}


def register() -> None:
    register_verb("handover.draw_up", _("Handover drawn up"), fields=HANDOVER_FIELDS)
    register_verb("handover.hand_over", _("Handed over"), fields=HANDOVER_FIELDS)
    register_verb("handover.acknowledge", _("Handover acknowledged"), fields=HANDOVER_FIELDS)
    register_verb(
        "handover.flag",
        _("Flagged: handover not acknowledged in time"),
        fields={"flagged": yes_no(_("flagged late"))},
    )
