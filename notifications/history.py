"""How the notices' audit events read in the history panel (audit.verbs)."""

from operator import attrgetter

from django.utils.translation import gettext_lazy as _

from audit.verbs import model_field, register_verb, related, text, viewed
from commitments.models import ServiceItemVersion
from core.masking import PERSONAL_DATA_VIEWED, PERSONAL_DATA_VIEWED_LABEL
from deadlines.models import Case
from notifications.models import Notice
from org.models import Staff

# What notifications.services._snapshot records.
NOTICE_FIELDS = {
    "status": model_field(Notice, "status"),
    "kind": model_field(Notice, "kind"),
    "case": related(_("case"), Case, current=attrgetter("number")),
}
BROUGHT = text(_("materials brought"))
# "name（reason）、…": the materials not applicable to this applicant, as notifications.services records them.
NOT_APPLICABLE = text(_("materials not applicable, with the reason"))


def register() -> None:
    register_verb(
        "notice.issue",
        _("One-time notice issued"),
        fields={
            **NOTICE_FIELDS,
            "item_version": related(_("service item version"), ServiceItemVersion),
            "missing": text(_("missing materials")),
            "not_applicable": NOT_APPLICABLE,
        },
        reason=_("why it cannot be accepted"),
    )
    register_verb(
        "notice.visit",
        _("Visit on the notice recorded"),
        # Events written before December 2026 kept the materials brought under "brought_at".
        fields={**NOTICE_FIELDS, "brought": BROUGHT, "brought_at": BROUGHT, "not_applicable": NOT_APPLICABLE},
    )
    register_verb(
        "notice.failure",
        _("Notice failure: a material the notice did not list was demanded"),
        fields={"name": text(_("material demanded")), "staff": related(_("counted against"), Staff)},
        reason=_("reason for the override"),
    )
    register_verb("notice.case", _("Case opened from the notice"), fields=NOTICE_FIELDS)
    register_verb(
        PERSONAL_DATA_VIEWED,
        PERSONAL_DATA_VIEWED_LABEL,
        fields={"visitor_phone": viewed(_("visitor's phone"))},
    )
