"""What the system settings page (django-constance, ``CONSTANCE_CONFIG``)
shows for each setting: a name a clerk reads, and the unit of its number.
Constance itself shows only the raw key (``INQUIRY_NO_OUTCOME_FLAG_WD``)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

WORKING_DAYS = pgettext_lazy("unit", "working day(s)")

# key: (label, unit)
LABELS = {
    "BUREAU_NAME": (_("Bureau name"), ""),
    "RECONSIDERATION_BODIES": (_("Administrative reconsideration of a refusal applied for to"), ""),
    "LITIGATION_COURT": (_("Administrative lawsuit against a refusal brought before"), ""),
    "EFFICIENCY_COMPLAINT_CONTACT": (_("Efficiency complaints made to"), ""),
    "INQUIRY_NO_OUTCOME_FLAG_WD": (_("Inquiry without an outcome flagged after"), WORKING_DAYS),
    "TRANSFER_ACKNOWLEDGE_WD": (_("Transferred inquiry acknowledged within"), WORKING_DAYS),
    "HANDOVER_ACKNOWLEDGE_WD": (_("Handover acknowledged within"), WORKING_DAYS),
    "COVER_URGENT_WD": (_("An absent A holder's matter is urgent when due within"), WORKING_DAYS),
    "CASE_REMIND_BEFORE_WD": (_("Handler reminded before the due date"), WORKING_DAYS),
    "ESCALATE_TO_SUPERVISOR_AFTER_WD": (_("Overdue case escalated to the supervisor after"), WORKING_DAYS),
    "EXTENSION_DECISION_WD": (_("Extension request decided within"), WORKING_DAYS),
    "EXTENSION_MAX_PERCENT": (
        _("Longest extension"),
        pgettext_lazy("unit", "percent of the committed time limit"),
    ),
    "REFUSAL_CONFIRM_WD": (_("Refusal confirmed within"), WORKING_DAYS),
    "COMPLAINT_ACCEPT_WD": (_("Complaint accepted or declined within"), WORKING_DAYS),
    "COMPLAINT_ANSWER_WD": (_("Complaint answered within"), WORKING_DAYS),
    "COMPLAINT_ANSWER_EXTENDED_WD": (_("Complaint answered within, when extended"), WORKING_DAYS),
    "RECORD_EXPLAIN_WD": (_("Yellow card explained within"), WORKING_DAYS),
    "CARD_RED_AFTER_WD": (_("Yellow card turns red after"), WORKING_DAYS),
    "APPEAL_DECIDE_WD": (_("Appeal against a card decided within"), WORKING_DAYS),
    "RATING_DEFAULT_DAYS": (
        _("Unrated case given the default rating after"),
        pgettext_lazy("unit", "day(s)"),
    ),
    "RATING_DEFAULT_LEVEL": (_("Default rating"), pgettext_lazy("unit", "1 to 5 (3 = basically satisfied)")),
    "POOR_RATING_FOLLOW_UP_WD": (_("Poor rating followed up within"), WORKING_DAYS),
    "UPHELD_COMPLAINTS_REMOVE_FROM_FRONT_DESK": (
        _("Upheld complaints that remove a staff member from the front desk"),
        pgettext_lazy("unit", "complaints a year"),
    ),
    "WARNINGS_BAR_EXCELLENT": (
        _("Efficiency warnings that bar an 'excellent' rating"),
        pgettext_lazy("unit", "warnings a year"),
    ),
}
