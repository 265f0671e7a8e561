"""How rule 8's audit events read in the history panel (audit.verbs)."""

from django.utils.translation import gettext_lazy as _

from audit.verbs import choice, day, number, register_verb, related, text, yes_no
from evaluation.models import AppealStatus, FollowUpStatus, FollowUpStep, Grade, Level, RatingChannel
from org.models import Staff

RATING_FIELDS = {
    # Stored as the level's code ("5"), shown by its words (非常满意).
    "level": choice(_("rating given"), [(str(value), label) for value, label in Level.choices]),
    "channel": choice(_("rated through"), RatingChannel),
    "is_default": yes_no(_("default rating")),
}
FOLLOW_UP_FIELDS = {
    "status": choice(_("follow-up status"), FollowUpStatus),
    "assigned_to": related(_("assigned to"), Staff),
    "due": day(_("fix by")),
    "grade": choice(_("rater's grade of the fix"), Grade),
    "appeal_status": choice(_("appeal against the rating"), AppealStatus),
    "step": choice(_("step"), FollowUpStep),
}


def register() -> None:
    register_verb(
        "rating.submit", _("Rated by the applicant"), fields=RATING_FIELDS, reason=_("reason given")
    )
    register_verb("rating.default", _("Default rating given"), fields=RATING_FIELDS)
    register_verb("follow_up.open", _("Poor rating: follow-up opened"), fields=FOLLOW_UP_FIELDS)
    register_verb(
        "follow_up.call_back", _("Rater called back"), fields=FOLLOW_UP_FIELDS, reason=_("what was said")
    )
    register_verb("follow_up.fix", _("Poor rating fixed"), fields=FOLLOW_UP_FIELDS, reason=_("what was done"))
    register_verb("follow_up.grade", _("Fix graded by the rater"), fields=FOLLOW_UP_FIELDS)
    register_verb(
        "follow_up.appeal",
        _("Poor rating appealed"),
        fields=FOLLOW_UP_FIELDS,
        reason=_("why the rating is wrong"),
    )
    register_verb(
        "follow_up.appeal_decide",
        _("Appeal against a rating decided"),
        fields=FOLLOW_UP_FIELDS,
        reason=_("supervisor's reasons"),
    )
    register_verb("follow_up.alert", _("Follow-up reminded or escalated"), fields=FOLLOW_UP_FIELDS)
    snapshot_fields = {
        "period": text(_("evaluation period")),
        "level": text(_("evaluated per")),
        "revision": number(_("revision of the frozen figures")),
    }
    register_verb("evaluation.freeze", _("Period's figures frozen"), fields=snapshot_fields)
    register_verb(
        "evaluation.revise", _("Frozen figures revised"), fields=snapshot_fields, reason=_("why revised")
    )
