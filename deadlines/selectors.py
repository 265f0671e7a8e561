"""Reads of cases, scoped by who is asking."""

from django.db.models import Count, Q
from django.utils import timezone

from deadlines.models import OPEN_STATUSES, Case, CaseStatus, Extension, ExtensionStatus
from messaging.sms import mask_phone
from org.predicates import is_section_chief, is_supervisor, staff_of


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
    if is_section_chief(user):
        return qs.filter(mine | Q(department_id=me.department_id))
    return qs.filter(mine)


def my_open_cases(staff):
    """The handler's list: due soon first."""
    return (
        Case.objects.open()
        .filter(handler=staff)
        .select_related("department", "service_item")
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
    """Counts for the stat cards: open, overdue, due today, completed on time."""
    today = timezone.localdate()
    return queryset.aggregate(
        open=Count("id", filter=Q(status__in=OPEN_STATUSES)),
        overdue=Count("id", filter=Q(status__in=OPEN_STATUSES, overdue=True)),
        due_today=Count("id", filter=Q(status__in=OPEN_STATUSES, due_date=today)),
        completed=Count("id", filter=Q(status=CaseStatus.COMPLETED)),
    )


def applicant_phone_for(user, case) -> str:
    """The applicant's phone, masked for whoever does not need it."""
    if user.has_perm("deadlines.see_applicant_contact", case):
        return case.applicant_phone
    return mask_phone(case.applicant_phone) if case.applicant_phone else ""


def find_for_tracking(number: str, phone_last4: str) -> Case | None:
    """The public's lookup: the case number and the last four digits of the phone."""
    if len(phone_last4) != 4 or not phone_last4.isdigit():
        return None
    case = Case.objects.filter(number=number.strip(), kind="service").first()
    if case is None or not case.applicant_phone.endswith(phone_last4):
        return None
    return case
