"""How the chief's consent to B acting on A's urgent matter reads in the history."""

from django.utils.translation import gettext_lazy as _

from abpositions.models import CoverConsent
from audit.verbs import model_field, register_verb, related, text
from org.models import Staff

CONSENT_FIELDS = {
    "status": model_field(CoverConsent, "status"),
    "matter": text(_("matter covered")),
    "holder": related(_("away (A holder)"), Staff),
    "cover": related(_("covering"), Staff),
}


def register_consent() -> None:
    register_verb(
        "cover_consent.ask", _("Chief's consent asked to act for the absent holder"), fields=CONSENT_FIELDS
    )
    register_verb(
        "cover_consent.decide",
        _("Chief's consent to act for the absent holder decided"),
        fields=CONSENT_FIELDS,
        reason=_("note"),
    )
    register_verb(
        "cover_note.add",
        _("Cover note written for the handover"),
        fields={
            "matter": text(_("matter covered")),
            "holder": related(_("away (A holder)"), Staff),
            "text": text(_("note")),
        },
    )
