"""Rule 6's periodic jobs: the chief's review of a refusal, reminded and escalated.

``refusal_remind_review`` reminds the section's chiefs (never the officer) one
working day before the review is due; ``refusal_escalate_review`` tells the
supervisors once it is late. Each step is a ``ReviewAlert`` row, unique per
refusal and step: a batch is claimed with one insert of its rows (a step
another run or worker took already is skipped), and only the steps this run
inserted are acted on, their audit events and messages one insert each. A job
drains its whole backlog in one run, a batch at a time.
"""

from datetime import timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from audit.services import EventSpec, record_events
from core import clock
from core.claims import claim_rows
from core.jobs import periodic_job
from messaging.models import Channel
from messaging.services import MessageSpec, message_queue_many
from org.models import Staff
from org.roles import Role
from org.selectors import chiefs_or_supervisors
from refusals.findings import refusals_find_unfiled
from refusals.models import Refusal, RefusalStatus, ReviewAlert, ReviewStep
from workdays.days import UnpublishedYearError, add_working_days

BATCH = 500


def _waiting(step: str):
    """Refusals filed and not yet decided, without this step taken."""
    taken = ReviewAlert.objects.filter(refusal=OuterRef("pk"), step=step)
    return (
        Refusal.objects.filter(status=RefusalStatus.FILED)
        .exclude(Exists(taken))
        .select_related("officer")
        .order_by("review_due", "pk")
    )


def _drain(candidates, step: str, messages) -> int:
    """Take the candidates a batch at a time until none is left; how many were taken.
    Each batch is claimed (or found taken) before the next is read, so the loop ends."""
    taken = 0
    while True:
        batch = list(candidates[:BATCH])
        if not batch:
            return taken
        with transaction.atomic():
            claimed = claim_rows(
                ReviewAlert,
                [{"refusal": row.pk, "step": step, "at": clock.now()} for row in batch],
                returning="refusal",
            )
            mine = [row for row in batch if row.pk in claimed]
            record_events(
                EventSpec(verb="refusal.review_alert", subject=row, after={"step": step}) for row in mine
            )
            message_queue_many(messages(mine))
            taken += len(mine)


def _message(refusal, staff, step, subject, body) -> MessageSpec:
    return MessageSpec(
        channel=Channel.INBOX,
        recipient_id=staff.user_id,
        kind=f"refusal.{step}",
        subject=subject,
        body=body,
        link=refusal.get_absolute_url(),
        dedupe_key=f"refusal:{refusal.pk}:{step}:{staff.pk}",
    )


def _remind(refusals) -> list[MessageSpec]:
    reviewers = chiefs_or_supervisors({refusal.department_id for refusal in refusals})
    return [
        _message(
            refusal,
            chief,
            ReviewStep.REMIND,
            _("Refusal to review by %(day)s: %(number)s")
            % {"day": refusal.review_due.isoformat(), "number": refusal.number},
            _("%(officer)s refused %(matter)s; confirm or overturn it by %(day)s.")
            % {
                "officer": refusal.officer.name,
                "matter": refusal.matter,
                "day": refusal.review_due.isoformat(),
            },
        )
        for refusal in refusals
        for chief in reviewers.get(refusal.department_id, [])
        if chief.pk != refusal.officer_id
    ]


def _escalate(refusals) -> list[MessageSpec]:
    supervisors = list(Staff.objects.active().with_role(Role.SUPERVISOR).order_by("pk")) if refusals else []
    return [
        _message(
            refusal,
            supervisor,
            ReviewStep.ESCALATE,
            _("Refusal review late: %(number)s") % {"number": refusal.number},
            _("The section chief has not reviewed %(number)s (%(matter)s), due %(day)s.")
            % {"number": refusal.number, "matter": refusal.matter, "day": refusal.review_due.isoformat()},
        )
        for refusal in refusals
        for supervisor in supervisors
    ]


@periodic_job("refusal_remind_review", every=timedelta(hours=1))
def refusal_remind_review() -> str:
    """Remind the section's chiefs one working day before a refusal's review is due."""
    today = clock.localdate()
    try:
        horizon = add_working_days(today, 1)
    except UnpublishedYearError:
        # Late December before next year's schedule: a review due then is due this year's last day or later.
        horizon = today.replace(month=12, day=31)
    candidates = _waiting(ReviewStep.REMIND).filter(review_due__gte=today, review_due__lte=horizon)
    return f"{_drain(candidates, ReviewStep.REMIND, _remind)} reminded"


@periodic_job("refusal_escalate_review", every=timedelta(hours=1))
def refusal_escalate_review() -> str:
    """Tell the supervisors once when a refusal's review is late."""
    candidates = _waiting(ReviewStep.ESCALATE).filter(review_due__lt=clock.localdate())
    return f"{_drain(candidates, ReviewStep.ESCALATE, _escalate)} escalated"


@periodic_job("refusal_find_unfiled", every=timedelta(hours=1))
def refusal_find_unfiled() -> str:
    """Flag, once each, a case refused or withdrawn by staff, or a 'cannot be accepted' notice,
    with no refusal filed."""
    cases, notices = refusals_find_unfiled()
    return f"{cases} cases, {notices} notices found unfiled"
