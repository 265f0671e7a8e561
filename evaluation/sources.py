"""Rule 7 reads rule 8's poor ratings left without follow-up: a follow-up not
fixed when due (its escalation taken) opens one accountability record against
the handler whose service was rated, through accountability's source registry."""

from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext as _

from accountability.models import Source
from accountability.sources import RecordSource
from accountability.sources import register as register_source
from evaluation.models import FollowUp, FollowUpStep


def _late_follow_ups():
    return FollowUp.objects.filter(alerts__step=FollowUpStep.ESCALATE).annotate(
        acc_staff=F("rating__staff_id"),
        acc_department=F("department_id"),
        acc_on=F("due"),
        acc_reference=F("rating__case__number"),
        acc_subject=F("rating__reason"),
    )


def register() -> None:
    register_source(
        RecordSource(
            Source.POOR_RATING,
            _late_follow_ups,
            lambda row: (
                _("The poor rating of case %(number)s was not followed up by %(day)s.")
                % {"number": row["acc_reference"], "day": row["acc_on"]}
            ),
            link=lambda source_id: reverse("evaluation:follow_up", args=[source_id]),
        )
    )
