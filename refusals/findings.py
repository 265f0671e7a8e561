"""Rule 6, item 5: refusals found without filing, and what counts against someone.

``refusal_find_unfiled`` (refusals.jobs) opens one ``RefusalFinding`` of kind
``unfiled`` for each matter ended in a "no" with no refusal ever filed on it: a
case refused (only a refusal can refuse one now; rows from before could not), a
case withdrawn by staff when the applicant did not ask, and a one-time notice
saying the matter cannot be accepted (legacy rows: such a notice files one
now). The unique constraints make each a single row however often it runs, on
however many workers; ``findings`` is what rules 7 and 8 read.
"""

from datetime import date

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from core import clock
from deadlines.models import Case, CaseStatus
from notifications.models import Notice, NoticeKind
from refusals.models import FindingKind, Refusal, RefusalFinding

BATCH = 500


def _unfiled_cases() -> QuerySet[Case]:
    never_filed = ~Exists(Refusal.objects.filter(case=OuterRef("pk")))
    found = Exists(RefusalFinding.objects.filter(kind=FindingKind.UNFILED, case=OuterRef("pk")))
    refused_or_withdrawn_by_staff = Q(status=CaseStatus.REFUSED) | Q(
        status=CaseStatus.WITHDRAWN, applicant_asked=False
    )
    return (
        Case.objects.filter(refused_or_withdrawn_by_staff)
        .filter(never_filed)
        .exclude(found)
        .only("id", "status", "handler_id", "department_id", "number")
        .order_by("pk")
    )


def _unfiled_notices() -> QuerySet[Notice]:
    found = Exists(RefusalFinding.objects.filter(kind=FindingKind.UNFILED, notice=OuterRef("pk")))
    # A refused case is found as the case: one fact, counted once.
    case_found = Q(case__status=CaseStatus.REFUSED)
    return (
        Notice.objects.filter(kind=NoticeKind.NOT_ACCEPTABLE, refusal__isnull=True)
        .exclude(found)
        .exclude(case_found)
        .only("id", "number", "issued_by_id", "department_id")
        .order_by("pk")
    )


def _case_finding(case: Case, today: date) -> RefusalFinding:
    note = (
        _("Case %(number)s refused without a refusal filed")
        if case.status == CaseStatus.REFUSED
        else _("Case %(number)s withdrawn by staff, not at the applicant's request")
    )
    return RefusalFinding(
        kind=FindingKind.UNFILED,
        staff_id=case.handler_id,
        department_id=case.department_id,
        case=case,
        on=today,
        note=note % {"number": case.number},
    )


def _notice_finding(notice: Notice, today: date) -> RefusalFinding:
    return RefusalFinding(
        kind=FindingKind.UNFILED,
        staff_id=notice.issued_by_id,
        department_id=notice.department_id,
        notice=notice,
        on=today,
        note=_("Notice %(number)s said it cannot be accepted, with no refusal filed")
        % {"number": notice.number},
    )


def _drain(candidates, make) -> int:
    """Open the findings a batch at a time; one taken already by another run is skipped."""
    opened = 0
    today = clock.localdate()
    while True:
        batch = list(candidates[:BATCH])
        if not batch:
            return opened
        with transaction.atomic():
            rows = RefusalFinding.objects.bulk_create(
                [make(row, today) for row in batch], ignore_conflicts=True
            )
        opened += len(rows)


def refusals_find_unfiled() -> tuple[int, int]:
    """(cases, notices) for which this run opened an ``unfiled`` finding (an upper bound under a race)."""
    return _drain(_unfiled_cases(), _case_finding), _drain(_unfiled_notices(), _notice_finding)


def findings(staff=None, department=None, since: date | None = None) -> QuerySet[RefusalFinding]:
    """What counts against someone under rule 6, newest first: overturned, filed late, unfiled.
    Each row names the staff member, the section, the matter (refusal, case or notice) and the date."""
    rows = RefusalFinding.objects.select_related("staff", "department", "refusal", "case", "notice")
    if staff is not None:
        rows = rows.filter(staff=staff)
    if department is not None:
        rows = rows.filter(department=department)
    if since is not None:
        rows = rows.filter(on__gte=since)
    return rows
