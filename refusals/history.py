"""How rule 6's audit events read in the history panel (audit.verbs)."""

from django.utils.translation import gettext_lazy as _

from audit.verbs import choice, day, moment, register_verb, related, text
from org.models import Staff
from refusals.models import RefusalKind, RefusalStatus, ReviewStep

REFUSAL_FIELDS = {
    "status": choice(_("status"), RefusalStatus),
    "kind": choice(_("kind"), RefusalKind),
    "matter": text(_("matter")),
    "legal_basis": text(_("legal basis")),
    "review_due": day(_("review due")),
    "decided_by": related(_("decided by"), Staff),
    "notice_given_at": moment(_("refusal notice given at")),
}


def register() -> None:
    register_verb("refusal.file", _("Refusal filed"), fields=REFUSAL_FIELDS, reason=_("reason"))
    register_verb(
        "refusal.confirm", _("Refusal confirmed"), fields=REFUSAL_FIELDS, reason=_("chief's opinion")
    )
    register_verb(
        "refusal.overturn", _("Refusal overturned"), fields=REFUSAL_FIELDS, reason=_("chief's opinion")
    )
    register_verb(
        "refusal.review_alert",
        _("Refusal's review reminded or escalated"),
        fields={"step": choice(_("step"), ReviewStep)},
    )
    register_verb("refusal.notice_give", _("Refusal notice given"), fields=REFUSAL_FIELDS)
