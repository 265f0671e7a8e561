"""Reads of cases, scoped by who is asking."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from constance import config
from django.db.models import Count, F, Prefetch, Q
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils import timezone

from abpositions import cover
from commitments.models import ServiceItem
from core.masking import mask_phone
from deadlines.links import track_details
from deadlines.models import (
    OPEN_STATUSES,
    Case,
    CaseKind,
    CaseStatus,
    Escalation,
    Extension,
    ExtensionStatus,
)
from org.models import Department, Staff
from org.predicates import is_section_chief, is_supervisor, staff_of
from workdays.days import UnpublishedYearError, load_schedule, working_days_between


def cases_visible_to(user):
    """Supervisors: every case; a section chief: their section's and their own;
    anyone else: the cases they handle or received."""
    qs = Case.objects.select_related("department", "handler", "service_item", "item_version")
    if is_supervisor(user):
        return qs
    me = staff_of(user)
    if me is None:
        return qs.none()
    mine = Q(handler=me) | Q(created_by=user)
    covered = [holder.pk for holder in cover.covered_holders(me)]
    if covered:
        # Rule 4: B sees the work of the A holders they answer for now.
        mine |= Q(handler_id__in=covered)
    if is_section_chief(user):
        return qs.filter(mine | Q(department_id=me.department_id))
    return qs.filter(mine)


def my_open_cases(staff, covered=()):
    """The handler's list: due soon first; with the open cases of the A
    holders in ``covered`` (``abpositions.cover.covered_holders``), whose work
    the handler answers for now, each marked by its handler (代岗)."""
    handlers = [staff.pk, *(holder.pk for holder in covered)]
    return (
        Case.objects.open()
        .filter(handler_id__in=handlers)
        .select_related("department", "service_item", "handler", "cover_for")
        .order_by("due_date", "id")
    )


def section_cases(department):
    return Case.objects.filter(department=department).select_related("handler", "service_item")


def overdue_cases():
    return (
        Case.objects.open()
        .filter(overdue=True)
        .select_related("department", "handler", "service_item")
        .order_by("due_date", "id")
    )


def pending_extensions(department):
    return (
        Extension.objects.filter(status=ExtensionStatus.PENDING, case__department=department)
        .select_related("case", "case__handler", "requested_by")
        .order_by("decide_by", "id")
    )


def status_counts(queryset) -> dict:
    """Counts for the stat cards: open, overdue, due today.

    One aggregate over the open cases only, which case_department_idx and
    case_handler_idx answer alone. An aggregate over all of a section's
    cases read its whole history (0.3 s on 650,000 cases in bench/)."""
    today = timezone.localdate()
    return queryset.filter(status__in=OPEN_STATUSES).aggregate(
        open=Count("id"),
        overdue=Count("id", filter=Q(overdue=True)),
        due_today=Count("id", filter=Q(due_date=today)),
    )


def start_of_year(today: date | None = None) -> date:
    return (today or timezone.localdate()).replace(month=1, day=1)


def completed_since(queryset, day: date) -> int:
    """How many of the cases were completed on or after ``day`` (local time):
    a range of case_department_done_idx. The section's whole history was
    632,940 cases and 35 ms a request in bench/, and grew every year."""
    return queryset.filter(status=CaseStatus.COMPLETED, completed_at__gte=local_midnight(day)).count()


def local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def applicant_phone(case, *, revealed: bool = False) -> str:
    """The applicant's phone: masked, unless revealed (case_reveal_contact)."""
    return case.applicant_phone if revealed else mask_phone(case.applicant_phone)


def find_for_tracking(number: str, phone_last4: str) -> Case | None:
    """The public's lookup: the case number and the last four digits of the phone."""
    if len(phone_last4) != 4 or not phone_last4.isdigit():
        return None
    case = Case.objects.filter(number=number.strip(), kind=CaseKind.SERVICE).first()
    if case is None or not case.applicant_phone.endswith(phone_last4):
        return None
    return case


def extensions_visible_to(user):
    """The extension requests of the cases the user may see."""
    return Extension.objects.filter(case__in=cases_visible_to(user).values("pk")).select_related(
        "case__department"
    )


@dataclass(frozen=True)
class TrackedCase:
    """All that the public tracking page may show of a case: no names, no handler."""

    number: str
    title: str
    status: str
    status_label: str
    received_on: date
    due_date: date
    overdue: bool
    completed_on: date | None
    # (label, value) lines the apps above add (deadlines.links.track_details).
    details: tuple[tuple[str, str], ...] = ()


def track_case(number: str, phone_last4: str) -> TrackedCase | None:
    """The public's view of a case found by its number and the phone's last four digits."""
    case = find_for_tracking(number, phone_last4)
    if case is None:
        return None
    is_open = case.status in OPEN_STATUSES
    return TrackedCase(
        number=case.number,
        title=case.title,
        status=case.status,
        status_label=case.get_status_display(),
        received_on=timezone.localdate(case.received_at),
        due_date=case.due_date,
        # The flag waits for the hourly job; the public sees a missed date at once.
        overdue=is_open and (case.overdue or case.due_date < timezone.localdate()),
        completed_on=timezone.localdate(case.completed_at)
        if case.status == CaseStatus.COMPLETED and case.completed_at
        else None,
        details=track_details(case),
    )


def with_working_days_left(cases, today: date | None = None) -> list:
    """The cases as a list, each with ``working_days_left``: what
    ``workdays.days.working_days_between(today, case.due_date)`` gives
    (negative: working days overdue), or None where a year's schedule is
    not entered. The calendar is read once for the whole list."""
    cases = list(cases)
    if not cases:
        return cases
    today = today or timezone.localdate()
    dates = [case.due_date for case in cases] + [today]
    schedule = load_schedule(min(dates).year, max(dates).year)
    for case in cases:
        try:
            if case.due_date >= today:
                case.working_days_left = schedule.count_working_days(today + timedelta(days=1), case.due_date)
            else:
                case.working_days_left = -schedule.count_working_days(
                    case.due_date, today - timedelta(days=1)
                )
        except UnpublishedYearError:
            case.working_days_left = None
    return cases


def handles_cases(staff) -> bool:
    return staff is not None and Case.objects.filter(handler=staff).exists()


def handler_counts(staff, covered=()) -> dict:
    """status_counts of the open cases my_open_cases lists: the staff member's,
    with those of the A holders in ``covered`` whose work they answer for now."""
    return status_counts(Case.objects.filter(handler_id__in=[staff.pk, *(holder.pk for holder in covered)]))


def my_closed_cases(staff):
    """The handler's completed, refused and withdrawn cases, the latest first."""
    return (
        Case.objects.exclude(status__in=OPEN_STATUSES)
        .filter(handler=staff)
        .select_related("department", "service_item")
        .order_by("-received_at", "-id")
    )


def cases_received_by(user):
    """The cases a member of staff received at the desk, the latest first (to print a receipt again)."""
    return (
        Case.objects.filter(created_by=user)
        .select_related("department", "handler", "service_item")
        .order_by("-received_at", "-id")
    )


def case_for_page(user, pk) -> Case | None:
    """One case with everything its page shows, or None when the user may not view it."""
    case = (
        cases_visible_to(user)
        .select_related("handler__user", "created_by__staff", "item_version")
        .prefetch_related(
            Prefetch(
                "extensions",
                queryset=Extension.objects.select_related("requested_by", "decided_by").order_by(
                    "-requested_at", "-id"
                ),
            ),
            Prefetch("escalations", queryset=Escalation.objects.order_by("at", "id")),
        )
        .filter(pk=pk)
        .first()
    )
    if case is None or not user.has_perm("deadlines.view_case", case):
        return None
    return case


def extension_queue(department):
    """pending_extensions with the case's section, which the decision rule asks for."""
    return pending_extensions(department).select_related("case__department")


def extension_for_decision(user, pk) -> Extension | None:
    """An extension request whose case the user may view, or None."""
    extension = (
        Extension.objects.select_related("case__handler__user", "case__department", "requested_by")
        .filter(pk=pk)
        .first()
    )
    if extension is None or not user.has_perm("deadlines.view_case", extension.case):
        return None
    return extension


def extensions_granted(case) -> int:
    """Working days of the approved extensions of a case (its prefetched ones when there)."""
    return sum(e.days for e in case.extensions.all() if e.status == ExtensionStatus.APPROVED)


def extension_cap(case) -> int:
    """The most working days all approved extensions together may add."""
    base = case.item_version.committed_days if case.item_version_id else 0
    if case.kind == CaseKind.INSTRUCTION or base == 0:
        base = max(working_days_between(timezone.localdate(case.received_at), case.original_due_date), 1)
    return base * config.EXTENSION_MAX_PERCENT // 100


@dataclass(frozen=True)
class ExtensionAllowance:
    cap: int
    granted: int

    @property
    def remaining(self) -> int:
        return max(self.cap - self.granted, 0)


def extension_allowance(case) -> ExtensionAllowance:
    """How many working days extensions may still add to a case, under the bureau's cap."""
    return ExtensionAllowance(cap=extension_cap(case), granted=extensions_granted(case))


def intake_items():
    """The published items a case may be opened for, grouped by section in order."""
    return (
        ServiceItem.objects.published()
        .select_related("department", "current")
        .order_by("department__order", "department__code", "code")
    )


def default_handler(user, service_item) -> Staff | None:
    """The handler a form offers first for a case of the item: the user, when
    the case would stay with them (``routed_handler``); else none, and the
    case is routed."""
    me = staff_of(user)
    if me is not None and routed_handler(me, service_item) == me:
        return me
    return None


def routing(receiver: Staff | None, service_item, at=None) -> cover.Routed:
    """Who a new case of the item goes to when nobody is named (rule 4), and
    the A holder they receive it for. An item with a responsible post: the one
    receiving it when they hold the post as A, or as B while A is away;
    otherwise whoever answers for the post now (``abpositions.cover.route``).
    An item without a post: the one receiving it, when they are of the item's
    section."""
    if service_item.post_id is not None:
        routed = cover.route(receiver, service_item.post, at)
        if routed.staff is not None:
            return routed
    if receiver is not None and receiver.department_id == service_item.department_id:
        return cover.Routed(receiver)
    return cover.Routed(None)


def routed_handler(receiver: Staff | None, service_item, at=None) -> Staff | None:
    return routing(receiver, service_item, at).staff


def intake_handlers():
    """Active staff, by section: who may be named a case's handler."""
    return (
        Staff.objects.active()
        .select_related("department")
        .order_by("department__order", "department__code", "-rank", "employee_number")
    )


def instruction_handlers(user):
    """Who ``user`` may name the handler of a leader's instruction: anyone for a
    supervisor, their own section's staff for a section chief (the rule
    ``deadlines.open_instruction``), nobody else."""
    handlers = intake_handlers()
    if is_supervisor(user):
        return handlers
    me = staff_of(user)
    if me is None or not is_section_chief(user):
        return handlers.none()
    return handlers.filter(department_id=me.department_id)


def section_case_list(department=None):
    """The section page's cases: one section's, or every section's for a supervisor."""
    qs = Case.objects.select_related("department", "handler", "service_item")
    return qs.filter(department=department) if department is not None else qs


def overdue_counts_by_section() -> list:
    """Every section with ``overdue_count``, its open overdue cases, in the bureau's order."""
    return list(
        Department.objects.annotate(
            overdue_count=Count("cases", filter=Q(cases__status__in=OPEN_STATUSES, cases__overdue=True))
        ).order_by("order", "code")
    )


def overdue_board_cases(department=None):
    """Open overdue cases, the longest overdue first, with the escalation steps taken."""
    qs = overdue_cases().prefetch_related(
        Prefetch("escalations", queryset=Escalation.objects.order_by("at", "id"))
    )
    return qs.filter(department=department) if department is not None else qs


# The late extension requests' page: waiting past the day they were to be decided by, or decided after it.
LATE_WAITING = "waiting"
LATE_DECIDED = "decided"


def late_extensions(department=None, *, which: str = ""):
    """Extension requests a chief left waiting past their decision day, or
    decided after it (the bureau's or one section's), the earliest due first.
    ``which`` is LATE_WAITING, LATE_DECIDED or both."""
    waiting = Q(status=ExtensionStatus.PENDING, decide_by__lt=timezone.localdate())
    decided = Q(decided_at__isnull=False, decided_on__gt=F("decide_by"))
    late = {LATE_WAITING: waiting, LATE_DECIDED: decided}.get(which, waiting | decided)
    qs = (
        Extension.objects.annotate(decided_on=TruncDate("decided_at"))
        .filter(late)
        .select_related("case__department", "case__handler", "requested_by", "decided_by")
        .order_by("decide_by", "id")
    )
    return qs.filter(case__department=department) if department is not None else qs


def home_handler_context(user) -> dict:
    """The handler's panel; each count links to the list it counts (cases:mine, narrowed)."""
    me = staff_of(user)
    mine = reverse("cases:mine")
    covered = cover.covered_holders(me)
    return {
        "next_due": with_working_days_left(my_open_cases(me, covered)[:5]),
        "counts": handler_counts(me, covered),
        "urls": {
            "open": f"{mine}?show=open#results",
            "due_today": f"{mine}?show=open&due=today#results",
            "overdue": f"{mine}?show=open&overdue=true#results",
        },
    }


def home_chief_context(user) -> dict:
    """The chief's panel; each count links to the section page's list it counts."""
    me = staff_of(user)
    section = reverse("cases:section")
    return {
        "section": me.department,
        "pending": list(pending_extensions(me.department)[:5]),
        "pending_total": pending_extensions(me.department).count(),
        "counts": status_counts(Case.objects.filter(department=me.department)),
        "urls": {
            "open": f"{section}?status=open#results",
            "overdue": f"{section}?status=open&overdue=true#results",
            "pending": f"{section}#extension-queue",
        },
    }


def home_supervisor_context(user) -> dict:
    sections = [section for section in overdue_counts_by_section() if section.overdue_count]
    return {"sections": sections, "total": sum(section.overdue_count for section in sections)}
