"""Rule 8's periodic jobs.

``rating_default_apply`` gives a completed case left unrated for the set days
the bureau's default rating (基本满意 by default), stored as a default, one
insert a batch, skipping a case rated meanwhile (the rating is unique per
case). ``follow_up_remind`` and ``follow_up_escalate`` take each step of a
poor rating's follow-up once (``FollowUpAlert``, unique per follow-up and step).
"""

from datetime import timedelta

from constance import config
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from audit.services import EventSpec, record_events
from core import clock
from core.claims import claim_rows
from core.jobs import periodic_job
from deadlines.models import Case, CaseStatus
from evaluation import figures
from evaluation.models import (
    FollowUp,
    FollowUpAlert,
    FollowUpStatus,
    FollowUpStep,
    Rating,
    RatingChannel,
    Snapshot,
)
from evaluation.tables import closed_periods, snapshot_freeze
from messaging.models import Channel
from messaging.services import MessageSpec, message_queue_many
from org.models import Staff
from org.roles import Role
from workdays.days import UnpublishedYearError, add_working_days

BATCH = 500


@periodic_job("rating_default_apply", every=timedelta(hours=1))
def rating_default_apply() -> str:
    """A completed case unrated after the set days gets the default rating, once."""
    cutoff = clock.now() - timedelta(days=config.RATING_DEFAULT_DAYS)
    rated = Rating.objects.filter(case=OuterRef("pk"))
    candidates = (
        Case.objects.filter(status=CaseStatus.COMPLETED, completed_at__lt=cutoff)
        .filter(~Exists(rated))
        .order_by("pk")
        .values("pk", "handler_id", "department_id", "applicant_name", "applicant_phone")
    )
    given = 0
    while batch := list(candidates[:BATCH]):
        with transaction.atomic():
            now = clock.now()
            rows = [
                {
                    "case": row["pk"],
                    "level": config.RATING_DEFAULT_LEVEL,
                    "reason": "",
                    "channel": RatingChannel.DEFAULT,
                    "is_default": True,
                    "rated_at": now,
                    "staff": row["handler_id"],
                    "department": row["department_id"],
                    "named": bool(row["applicant_name"] and row["applicant_phone"]),
                    "excluded": False,
                }
                for row in batch
            ]
            claimed = claim_rows(Rating, rows, returning="case")
            cases = Case.objects.filter(pk__in=claimed)
            record_events(
                EventSpec(
                    verb="rating.default",
                    subject=case,
                    after={"level": str(config.RATING_DEFAULT_LEVEL), "is_default": True},
                )
                for case in cases
            )
            given += len(claimed)
    return f"{given} default ratings"


def _follow_up_step(step: str, candidates, recipients, subject) -> int:
    taken = FollowUpAlert.objects.filter(follow_up=OuterRef("pk"), step=step)
    candidates = (
        candidates.filter(~Exists(taken)).select_related("rating__case", "assigned_to").order_by("pk")
    )
    done = 0
    while batch := list(candidates[:BATCH]):
        with transaction.atomic():
            now = clock.now()
            claimed = claim_rows(
                FollowUpAlert,
                [{"follow_up": f.pk, "step": step, "at": now} for f in batch],
                returning="follow_up",
            )
            mine = [f for f in batch if f.pk in claimed]
            record_events(EventSpec(verb="follow_up.alert", subject=f, after={"step": step}) for f in mine)
            message_queue_many(
                [
                    MessageSpec(
                        channel=Channel.INBOX,
                        recipient_id=person.user_id,
                        kind=f"evaluation.follow_up_{step}",
                        subject=subject % {"number": f.rating.case.number, "day": f.due.isoformat()},
                        body=f.rating.reason,
                        link=f.get_absolute_url(),
                        dedupe_key=f"follow_up:{f.pk}:{step}:{person.pk}",
                    )
                    for f in mine
                    for person in recipients(f)
                ]
            )
            done += len(mine)
    return done


NOT_FIXED = (FollowUpStatus.OPEN, FollowUpStatus.CALLED)


@periodic_job("follow_up_remind", every=timedelta(hours=1))
def follow_up_remind() -> str:
    """Remind the chief a working day before a poor rating's fix is due."""
    today = clock.localdate()
    try:
        horizon = add_working_days(today, 1)
    except UnpublishedYearError:
        horizon = today.replace(month=12, day=31)
    candidates = FollowUp.objects.filter(status__in=NOT_FIXED, due__gte=today, due__lte=horizon)
    done = _follow_up_step(
        FollowUpStep.REMIND,
        candidates,
        lambda f: [f.assigned_to],
        _("Poor rating of case %(number)s: fix due %(day)s"),
    )
    return f"{done} reminded"


@periodic_job("follow_up_escalate", every=timedelta(hours=1))
def follow_up_escalate() -> str:
    """Tell the supervisors once when a poor rating's fix is late."""
    candidates = FollowUp.objects.filter(status__in=NOT_FIXED, due__lt=clock.localdate())
    supervisors = list(Staff.objects.active().with_role(Role.SUPERVISOR).order_by("pk"))
    done = _follow_up_step(
        FollowUpStep.ESCALATE,
        candidates,
        lambda f: supervisors,
        _("Poor rating of case %(number)s not fixed by %(day)s"),
    )
    return f"{done} escalated"


@periodic_job("evaluation_freeze", every=timedelta(hours=6))
def evaluation_freeze() -> str:
    """Freeze each closed period not frozen yet, at both levels, once."""
    from deadlines.models import Case

    first = Case.objects.order_by("received_at").values_list("received_at", flat=True).first()
    if first is None:
        return "nothing to freeze"
    done = set(Snapshot.objects.values_list("period", "level"))
    frozen = 0
    for period in closed_periods(clock.localdate(), first.date()):
        for level in figures.LEVELS:
            if (period.key, level) in done:
                continue
            try:
                if snapshot_freeze(period, level) is not None:
                    frozen += 1
            except IntegrityError:
                continue  # another worker froze it a moment ago
    return f"{frozen} frozen"
