"""How the cases' audit events read in the history panel (audit.verbs)."""

from django.utils.translation import gettext_lazy as _

from audit.verbs import choice, day, model_field, number, register_verb, related, viewed, yes_no
from core.masking import PERSONAL_DATA_VIEWED, PERSONAL_DATA_VIEWED_LABEL
from deadlines.models import Case, EscalationStep
from org.models import Staff

# What deadlines.services._snapshot records.
CASE_FIELDS = {
    "status": model_field(Case, "status"),
    "due_date": day(_("due date")),
    "handler": related(_("handler"), Staff),
    "cover_for": related(_("received as cover for"), Staff),
    "overdue": yes_no(_("overdue")),
}


def register() -> None:
    register_verb("case.open", _("Case received"), fields=CASE_FIELDS)
    register_verb("case.start", _("Work started"), fields=CASE_FIELDS)
    register_verb("case.complete", _("Case completed"), fields=CASE_FIELDS)
    register_verb("case.refuse", _("Case refused (refusal filed)"), fields=CASE_FIELDS, reason=_("refusal"))
    register_verb(
        "case.reopen", _("Case reopened (refusal overturned)"), fields=CASE_FIELDS, reason=_("refusal")
    )
    register_verb("case.withdraw", _("Case withdrawn"), fields=CASE_FIELDS, reason=_("why withdrawn"))
    register_verb("case.overdue", _("Flagged overdue"), fields=CASE_FIELDS)
    register_verb(
        "case.escalation",
        _("Reminder or escalation sent"),
        fields={"step": choice(_("step"), EscalationStep)},
    )
    register_verb(
        "extension.request",
        _("Extension requested"),
        fields={"days": number(_("working days asked for"))},
        reason=_("reason for the extension"),
    )
    register_verb(
        "extension.approve",
        _("Extension approved"),
        fields=CASE_FIELDS,
        reason=_("reason for the extension"),
    )
    register_verb("extension.reject", _("Extension rejected"), reason=_("why rejected"))
    register_verb(
        PERSONAL_DATA_VIEWED,
        PERSONAL_DATA_VIEWED_LABEL,
        fields={"applicant_phone": viewed(_("applicant's phone"))},
    )
