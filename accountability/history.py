"""How rule 7's audit events read in the history panel (audit.verbs)."""

from django.utils.translation import gettext_lazy as _

from accountability.models import (
    AppealStatus,
    Card,
    ComplaintChannel,
    ComplaintStatus,
    ComplaintStep,
    Measure,
    Outcome,
    RecordStatus,
    Source,
    Threshold,
)
from audit.verbs import choice, day, moment, number, register_verb, related, text, viewed, yes_no
from core.masking import PERSONAL_DATA_VIEWED, PERSONAL_DATA_VIEWED_LABEL
from org.models import Department, Staff

RECORD_FIELDS = {
    "source": choice(_("source"), Source),
    "reference": text(_("about")),
    "staff": related(_("staff member responsible"), Staff),
    "department": related(_("section"), Department),
    "card": choice(_("card shown"), Card),
    "status": choice(_("status"), RecordStatus),
    "explain_due": day(_("explanation due")),
    "outcome": choice(_("outcome"), Outcome),
    "measure": related(_("measure"), Measure),
    "appeal": choice(_("appeal against the card"), AppealStatus),
    "decide_due": day(_("to be decided by")),
    "acknowledged_at": moment(_("acknowledged at")),
}

COMPLAINT_FIELDS = {
    "channel": choice(_("channel"), ComplaintChannel),
    "subject": text(_("subject")),
    "anonymous": yes_no(_("filed anonymously")),
    "about_staff": related(_("about staff member"), Staff),
    "about_department": related(_("about section"), Department),
    "about_number": text(_("about matter number")),
    "status": choice(_("status"), ComplaintStatus),
    "accept_due": day(_("accept or decline by")),
    "answer_due": day(_("answer by")),
    "accepted_at": moment(_("accepted at")),
    "declined_at": moment(_("declined at")),
    "extended_at": moment(_("extended at")),
    "answered_at": moment(_("answered at")),
    "step": choice(_("step"), ComplaintStep),
    "due": day(_("for the due date")),
}


def register() -> None:
    register_verb(
        "accountability.record_open",
        _("Accountability record opened, yellow card"),
        fields=RECORD_FIELDS,
        reason=_("what happened"),
    )
    register_verb("accountability.card_red", _("Card turned red"), fields=RECORD_FIELDS)
    register_verb(
        "accountability.record_explain",
        _("Explanation written"),
        fields=RECORD_FIELDS,
        reason=_("explanation"),
    )
    register_verb(
        "accountability.record_decide", _("Record decided"), fields=RECORD_FIELDS, reason=_("findings")
    )
    register_verb(
        "accountability.record_correct",
        _("Decision corrected"),
        fields=RECORD_FIELDS,
        reason=_("why corrected"),
    )
    register_verb("accountability.decision_acknowledge", _("Decision acknowledged"), fields=RECORD_FIELDS)
    register_verb("accountability.appeal_file", _("Appeal filed"), fields=RECORD_FIELDS, reason=_("reasons"))
    register_verb(
        "accountability.appeal_decide",
        _("Appeal decided"),
        fields=RECORD_FIELDS,
        reason=_("supervisor's reasons"),
    )
    register_verb(
        "accountability.threshold_cross",
        _("Threshold crossed"),
        fields={
            "threshold": choice(_("threshold crossed"), Threshold),
            "year": number(_("year")),
            "count": number(_("how many in the year")),
            "limit": number(_("the bureau's limit")),
        },
    )
    register_verb("complaint.file", _("Complaint filed"), fields=COMPLAINT_FIELDS)
    register_verb("complaint.accept", _("Complaint accepted"), fields=COMPLAINT_FIELDS)
    register_verb(
        "complaint.decline", _("Complaint declined"), fields=COMPLAINT_FIELDS, reason=_("why declined")
    )
    register_verb(
        "complaint.extend",
        _("Complaint's answer extended"),
        fields=COMPLAINT_FIELDS,
        reason=_("why extended"),
    )
    register_verb("complaint.answer", _("Complaint answered"), fields=COMPLAINT_FIELDS, reason=_("answer"))
    register_verb("complaint.alert", _("Complaint reminded or escalated"), fields=COMPLAINT_FIELDS)
    register_verb(
        PERSONAL_DATA_VIEWED,
        PERSONAL_DATA_VIEWED_LABEL,
        fields={"complainant_phone": viewed(_("complainant's phone"))},
    )
