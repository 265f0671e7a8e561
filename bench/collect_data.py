"""The facts rule 7 collects, added to the bench's ten years of cases, and
their records opened already: the state of an hourly run with nothing new.

At these shares of N cases (the escalation steps are the dataset's own):

- overdue cases: every case found overdue has its handler's escalation step
  (bench/dataset.py: about 5 % of the completed, ~55,000 of 1,000,000);
- refusals overturned by the chief: 0.06 % (one refused case in ten), and
  matters refused without a refusal filed: 0.1 % (cases withdrawn by staff),
  each a ``RefusalFinding`` on its case;
- commitment breaches recorded by the supervisors: 0.3 %, a third of them
  passed on to accountability;
- efficiency complaints: 0.5 %, half answered, a third of those upheld
  against the handler of a case.

The dataset has no inquiries, notices, posts or absences: those sources read
empty tables (their anti-joins cost next to nothing; rule 1's and 5's own
benches are where their tables are large).

Rows are written with ``bulk_create``, not the services: what is measured is
the job reading them. The records are opened the same way, one per
candidate, as ``records_open`` would have, without its audit events and
messages (which the job with nothing new never reads).
"""

import random
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from accountability import sources
from accountability.jobs import FIELDS, uncollected
from accountability.models import Card, Complaint, ComplaintChannel, ComplaintStatus, Record, RecordStatus
from commitments.models import Breach, BreachOutcome
from deadlines.models import Case, CaseStatus
from refusals.models import FindingKind, RefusalFinding

SEED = 20261204
CHUNK = 5_000
SHARES = {"overturned": 0.0006, "unfiled": 0.001, "breaches": 0.003, "complaints": 0.005}


def add(cases: int, log) -> dict:
    """Write the facts and their records; how many of each."""
    rng = random.Random(SEED)
    with transaction.atomic():
        made = {
            "findings_overturned": _findings(FindingKind.OVERTURNED, CaseStatus.COMPLETED, cases, rng),
            "findings_unfiled": _findings(FindingKind.UNFILED, CaseStatus.WITHDRAWN, cases, rng),
            "breaches": _breaches(cases, rng),
            "complaints": _complaints(cases, rng),
        }
    log(f"added the rules' facts: {made}")
    made["records"] = _open_records(log)
    return made


def _sample_cases(status: str, count: int, rng) -> list[dict]:
    ids = list(Case.objects.filter(status=status).order_by("pk").values_list("pk", flat=True))
    chosen = sorted(rng.sample(ids, min(count, len(ids))))
    rows = Case.objects.filter(pk__in=chosen).values(
        "pk", "handler_id", "department_id", "received_at", "number"
    )
    return list(rows)


def _findings(kind: str, status: str, cases: int, rng) -> int:
    share = SHARES["overturned" if kind == FindingKind.OVERTURNED else "unfiled"]
    rows = _sample_cases(status, int(cases * share), rng)
    RefusalFinding.objects.bulk_create(
        (
            RefusalFinding(
                kind=kind,
                staff_id=row["handler_id"],
                department_id=row["department_id"],
                case_id=row["pk"],
                on=timezone.localdate(row["received_at"]) + timedelta(days=rng.randint(3, 20)),
                note=f"{row['number']} 未出具不予受理（许可）决定书",
            )
            for row in rows
        ),
        batch_size=CHUNK,
    )
    return len(rows)


def _breaches(cases: int, rng) -> int:
    rows = _sample_cases(CaseStatus.COMPLETED, int(cases * SHARES["breaches"]), rng)
    recorder = get_user_model().objects.get(username="supervisor")
    outcomes = [BreachOutcome.ACCOUNTABILITY, BreachOutcome.CRITICISM, BreachOutcome.DISMISSED]
    Breach.objects.bulk_create(
        (
            Breach(
                staff_id=row["handler_id"],
                occurred_on=timezone.localdate(row["received_at"]) + timedelta(days=rng.randint(1, 15)),
                promised="承诺时限内办结",
                happened=f"{row['number']} 超过承诺时限办结",
                outcome=outcomes[index % 3],
                recorded_by=recorder,
                recorded_at=row["received_at"] + timedelta(days=16),
            )
            for index, row in enumerate(rows)
        ),
        batch_size=CHUNK,
    )
    return len(rows)


def _complaints(cases: int, rng) -> int:
    rows = _sample_cases(CaseStatus.COMPLETED, int(cases * SHARES["complaints"]), rng)
    made = []
    for index, row in enumerate(rows):
        received = row["received_at"] + timedelta(days=rng.randint(1, 20))
        answered = index % 2 == 0
        made.append(
            Complaint(
                number=f"TSB{index + 1:07d}",
                channel=ComplaintChannel.PHONE,
                subject="办理拖延",
                description=f"{row['number']} 办理超过承诺时限",
                complainant_name="王先生",
                complainant_phone="13800000000",
                about_staff_id=row["handler_id"],
                about_department_id=row["department_id"],
                about_number=row["number"],
                received_at=received,
                accept_due=timezone.localdate(received) + timedelta(days=5),
                status=ComplaintStatus.ANSWERED if answered else ComplaintStatus.DECLINED,
                answer="经调查" if answered else "",
                upheld=(index % 6 == 0) if answered else None,
                answered_at=received + timedelta(days=20) if answered else None,
            )
        )
    Complaint.objects.bulk_create(made, batch_size=CHUNK)
    return len(made)


def _open_records(log) -> int:
    """One record per candidate of every source, as the job would have opened them."""
    today = timezone.localdate()
    opened = 0
    for source in sources.registered():
        while batch := list(uncollected(source).order_by("pk").values(*FIELDS)[:CHUNK]):
            Record.objects.bulk_create(_record(source, row, today) for row in batch)
            opened += len(batch)
        log(f"  records of {source.kind}: {Record.objects.filter(source=source.kind).count():,}")
    return opened


def _record(source, row: dict, today: date) -> Record:
    return Record(
        source=source.kind,
        source_id=row["pk"],
        reference=str(row["acc_reference"] or "—")[:200],
        summary=source.describe(row),
        staff_id=row["acc_staff"],
        department_id=row["acc_department"],
        occurred_on=row["acc_on"],
        status=RecordStatus.OPEN,
        card=Card.YELLOW,
        explain_due=today,
        red_due=today,
    )
