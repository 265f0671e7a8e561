"""How the holder changes' audit events read in the post's history panel."""

from django.utils.translation import gettext_lazy as _

from abpositions.models import HolderChange, HolderRole
from audit.verbs import choice, register_verb, related
from org.models import Staff

HOLDER_FIELDS = {
    "change": related(_("holder change"), HolderChange, current=lambda change: str(change.pk)),
    "role": choice(_("holder"), HolderRole),
    "proposed": related(_("new holder"), Staff),
    "a_holder": related(_("A holder"), Staff),
    "b_holder": related(_("B holder"), Staff),
}


def register() -> None:
    register_verb(
        "holder_change.request", _("Holder change requested"), fields=HOLDER_FIELDS, reason=_("reason")
    )
    register_verb(
        "holder_change.approve", _("Holder change approved"), fields=HOLDER_FIELDS, reason=_("decision note")
    )
    register_verb(
        "holder_change.reject", _("Holder change rejected"), fields=HOLDER_FIELDS, reason=_("decision note")
    )
