"""How the inquiries' audit events read in the history panel (audit.verbs)."""

from operator import attrgetter

from django.utils.translation import gettext_lazy as _

from audit.verbs import choice, day, model_field, register_verb, related, text, viewed
from core.masking import PERSONAL_DATA_VIEWED, PERSONAL_DATA_VIEWED_LABEL
from deadlines.models import Case
from inquiries.models import Inquiry, OwnerStep
from org.models import Department, Staff

# What inquiries.services._snapshot records, and what an outcome adds.
INQUIRY_FIELDS = {
    "status": model_field(Inquiry, "status"),
    "outcome": model_field(Inquiry, "outcome"),
    "first_responder": related(_("first responder"), Staff),
    "asked_staff": text(_("staff asked")),
    "transfer_to": related(_("transferred to"), Staff),
    "refer_department": related(_("referred to"), Department),
    "case": related(_("case"), Case, current=attrgetter("number")),
    "owner": related(_("now answering for it"), Staff),
    "outcome_due": day(_("outcome due")),
}


def register() -> None:
    register_verb("inquiry.log", _("Inquiry logged"), fields=INQUIRY_FIELDS)
    register_verb("inquiry.outcome", _("Outcome recorded"), fields=INQUIRY_FIELDS, reason=_("outcome note"))
    register_verb(
        "inquiry.reopen", _("Reopened (refusal overturned)"), fields=INQUIRY_FIELDS, reason=_("refusal")
    )
    register_verb("inquiry.case", _("Case opened from the inquiry"), fields=INQUIRY_FIELDS)
    register_verb("transfer.acknowledge", _("Transfer acknowledged"), fields=INQUIRY_FIELDS)
    register_verb(
        "inquiry.flag", _("Flagged: no owner in time"), fields={"flagged": choice(_("step"), OwnerStep)}
    )
    register_verb(
        PERSONAL_DATA_VIEWED,
        PERSONAL_DATA_VIEWED_LABEL,
        fields={
            "visitor_phone": viewed(_("visitor's phone")),
            "visitor_id_number": viewed(_("visitor's ID number")),
        },
    )
