"""Rule 7's periodic jobs.

``accountability_collect`` reads every registered source for facts with no
record yet (one anti-join per source on the record's unique (source,
source_id) index, for their ids) and opens their records a batch at a time with one insert
that skips what another run or worker opened already. ``accountability_card_red``
turns a yellow card red once its supervision deadline passes with the record
still undecided. ``complaint_remind`` and ``complaint_escalate`` take each
step of a complaint's deadlines once (``ComplaintAlert``, unique per
complaint, step and due date).
"""

from datetime import timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from accountability import sources
from accountability.models import (
    Card,
    CardStep,
    Complaint,
    ComplaintAlert,
    ComplaintStatus,
    ComplaintStep,
    Record,
    RecordStatus,
)
from accountability.services_records import records_open
from audit.services import EventSpec, record_events
from core import clock
from core.claims import claim_rows
from core.jobs import periodic_job
from messaging.models import Channel
from messaging.services import MessageSpec, message_queue_many
from org.models import Staff
from org.roles import Role
from workdays.days import UnpublishedYearError, add_working_days

BATCH = 500
FIELDS = ("pk", "acc_staff", "acc_department", "acc_on", "acc_reference", "acc_subject")


def _not_recorded(source):
    recorded = Record.objects.filter(source=source.kind, source_id=OuterRef("pk"))
    return source.candidates().filter(~Exists(recorded))


def uncollected(source):
    """The source's candidates with no record yet."""
    return _not_recorded(source).exclude(acc_department=None)


def collect(source) -> int:
    """Read the ids with no record first, then open their records a batch at a time.

    The ids are read with no LIMIT and no join beyond the source's own filter,
    so that the database hashes the anti-join in one pass: an hourly run with
    nothing new costs what a plain count of the same rows does. Asked for the
    first 500 in order, PostgreSQL walks the source's primary key probing the
    record index row by row instead, three times slower on ten years of cases
    (bench/collect.py). Each batch is read again with the anti-join, so what
    another worker opened meanwhile is skipped."""
    ids = sorted(_not_recorded(source).order_by().values_list("pk", flat=True))
    opened = 0
    for start in range(0, len(ids), BATCH):
        rows = uncollected(source).filter(pk__in=ids[start : start + BATCH]).order_by("pk").values(*FIELDS)
        batch = list(rows)
        if batch:
            with transaction.atomic():
                opened += len(records_open(source.kind, batch))
    return opened


@periodic_job("accountability_collect", every=timedelta(hours=1))
def accountability_collect() -> str:
    """Open one record, with its yellow card, for each violation the rules below recorded."""
    counts = {source.kind: collect(source) for source in sources.registered()}
    return ", ".join(f"{kind} {count}" for kind, count in counts.items() if count) or "nothing new"


def _supervisors() -> list[Staff]:
    return list(Staff.objects.active().with_role(Role.SUPERVISOR).order_by("pk"))


@periodic_job("accountability_card_red", every=timedelta(hours=1))
def accountability_card_red() -> str:
    """A yellow card still undecided after its supervision deadline turns red, once."""
    taken = CardStep.objects.filter(record=OuterRef("pk"), card=Card.RED)
    candidates = (
        Record.objects.filter(card=Card.YELLOW, red_due__lt=clock.localdate())
        .exclude(status=RecordStatus.DECIDED)
        .filter(~Exists(taken))
        .order_by("pk")
    )
    turned = 0
    supervisors = None
    while batch := list(candidates[:BATCH]):
        with transaction.atomic():
            now = clock.now()
            claimed = claim_rows(
                CardStep, [{"record": r.pk, "card": Card.RED, "at": now} for r in batch], returning="record"
            )
            mine = [record for record in batch if record.pk in claimed]
            Record.objects.filter(pk__in=claimed).update(card=Card.RED)
            record_events(
                EventSpec(
                    verb="accountability.card_red",
                    subject=record,
                    before={"card": Card.YELLOW},
                    after={"card": Card.RED},
                )
                for record in mine
            )
            supervisors = _supervisors() if supervisors is None else supervisors
            message_queue_many(
                [
                    MessageSpec(
                        channel=Channel.INBOX,
                        recipient_id=person.user_id,
                        kind="accountability.red",
                        subject=_("Red card %(number)s: %(reference)s")
                        % {"number": record.number, "reference": record.reference},
                        body=_("Not resolved by %(day)s: %(summary)s")
                        % {"day": record.red_due.isoformat(), "summary": record.summary},
                        link=record.get_absolute_url(),
                        dedupe_key=f"accountability:{record.pk}:red:{person.pk}",
                    )
                    for record in mine
                    for person in supervisors
                ]
            )
            turned += len(mine)
    return f"{turned} turned red"


# Each step: the complaints it applies to, and the due date it watches.
STEPS = {
    ComplaintStep.ACCEPT_REMIND: (Q(status=ComplaintStatus.RECEIVED), "accept_due"),
    ComplaintStep.ACCEPT_LATE: (Q(status=ComplaintStatus.RECEIVED), "accept_due"),
    ComplaintStep.ANSWER_REMIND: (Q(status=ComplaintStatus.ACCEPTED), "answer_due"),
    ComplaintStep.ANSWER_LATE: (Q(status=ComplaintStatus.ACCEPTED), "answer_due"),
}


def _complaint_step(step: str, window: Q) -> int:
    applies, due_field = STEPS[step]
    taken = ComplaintAlert.objects.filter(complaint=OuterRef("pk"), step=step, due=OuterRef(due_field))
    candidates = Complaint.objects.filter(applies, window).filter(~Exists(taken)).order_by("pk")
    done = 0
    supervisors = _supervisors()
    late = step in (ComplaintStep.ACCEPT_LATE, ComplaintStep.ANSWER_LATE)
    while batch := list(candidates[:BATCH]):
        with transaction.atomic():
            now = clock.now()
            rows = [{"complaint": c.pk, "step": step, "due": getattr(c, due_field), "at": now} for c in batch]
            claimed = claim_rows(ComplaintAlert, rows, returning="complaint")
            mine = [complaint for complaint in batch if complaint.pk in claimed]
            record_events(
                EventSpec(
                    verb="complaint.alert",
                    subject=c,
                    after={"step": step, "due": getattr(c, due_field).isoformat()},
                )
                for c in mine
            )
            subject = _("Complaint late: %(number)s") if late else _("Complaint due soon: %(number)s")
            message_queue_many(
                [
                    MessageSpec(
                        channel=Channel.INBOX,
                        recipient_id=person.user_id,
                        kind=f"complaint.{step}",
                        subject=subject % {"number": c.number},
                        body=_("%(step)s, due %(day)s: %(subject)s")
                        % {
                            "step": ComplaintStep(step).label,
                            "day": getattr(c, due_field).isoformat(),
                            "subject": c.subject,
                        },
                        link=c.get_absolute_url(),
                        dedupe_key=f"complaint:{c.pk}:{step}:{getattr(c, due_field).isoformat()}:{person.pk}",
                    )
                    for c in mine
                    for person in supervisors
                ]
            )
            done += len(mine)
    return done


@periodic_job("complaint_remind", every=timedelta(hours=1))
def complaint_remind() -> str:
    """Remind the supervisors a working day before a complaint is to be accepted or answered."""
    today = clock.localdate()
    try:
        horizon = add_working_days(today, 1)
    except UnpublishedYearError:
        horizon = today.replace(month=12, day=31)
    accept = _complaint_step(ComplaintStep.ACCEPT_REMIND, Q(accept_due__gte=today, accept_due__lte=horizon))
    answer = _complaint_step(ComplaintStep.ANSWER_REMIND, Q(answer_due__gte=today, answer_due__lte=horizon))
    return f"{accept} to accept, {answer} to answer reminded"


@periodic_job("complaint_escalate", every=timedelta(hours=1))
def complaint_escalate() -> str:
    """Tell the supervisors, once per due date, that a complaint's step is late."""
    today = clock.localdate()
    accept = _complaint_step(ComplaintStep.ACCEPT_LATE, Q(accept_due__lt=today))
    answer = _complaint_step(ComplaintStep.ANSWER_LATE, Q(answer_due__lt=today))
    return f"{accept} late to accept, {answer} late to answer"
