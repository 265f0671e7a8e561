"""Reads of rule 7, scoped by who asks: a staff member their own records, a
section chief their section's, supervisors everything."""

from django.db.models import Count, Q, QuerySet

from accountability.models import Complaint, ComplaintStatus, Record
from core import clock
from org.predicates import is_section_chief, is_supervisor, staff_of


def records_for(user) -> QuerySet[Record]:
    """The records ``user`` may read."""
    me = staff_of(user)
    if me is None:
        return Record.objects.none()
    base = Record.objects.select_related("staff", "department", "decision", "decision__measure")
    if is_supervisor(user):
        return base
    if is_section_chief(user):
        return base.filter(Q(department_id=me.department_id) | Q(staff=me))
    return base.filter(staff=me)


def record_for_page(user, pk) -> Record | None:
    """The record with what its page shows, or None when ``user`` may not read it (a 404)."""
    return (
        records_for(user)
        .select_related("appeal", "appeal__by", "appeal__decided_by", "decision__decided_by")
        .prefetch_related("decisions__decided_by", "decisions__measure", "evidence", "card_steps")
        .filter(pk=pk)
        .first()
    )


def complaints_for(user) -> QuerySet[Complaint]:
    """The complaints ``user`` may read: supervisors only."""
    if not is_supervisor(user):
        return Complaint.objects.none()
    return Complaint.objects.select_related("about_staff", "about_department", "handled_by", "logged_by")


def complaint_for_page(user, pk) -> Complaint | None:
    return complaints_for(user).filter(pk=pk).first()


def complaint_to_track(number: str, phone_last4: str) -> Complaint | None:
    """The complaint by its number and the last four digits of the complainant's
    phone; None for any pair that does not match (an anonymous one never does)."""
    number, phone_last4 = (number or "").strip().upper(), (phone_last4 or "").strip()
    if len(phone_last4) != 4 or not phone_last4.isdigit() or not number:
        return None
    complaint = Complaint.objects.filter(number=number, anonymous=False).first()
    if complaint is None or not complaint.complainant_phone.endswith(phone_last4):
        return None
    return complaint


def complaint_overdue_q(today) -> Q:
    """A complaint past the step it waits on: accepting (or declining) by its
    accept date, or answering by its answer date."""
    return Q(status=ComplaintStatus.RECEIVED, accept_due__lt=today) | Q(
        status=ComplaintStatus.ACCEPTED, answer_due__lt=today
    )


def complaint_home_counts(user) -> dict:
    """A supervisor's two home counts of complaints (waiting to be accepted,
    overdue) in one query, kept on the user for the request."""
    cached = getattr(user, "_complaint_home_counts", None)
    if cached is None:
        cached = (
            complaints_for(user)
            .order_by()
            .aggregate(
                waiting=Count("pk", filter=Q(status=ComplaintStatus.RECEIVED)),
                overdue=Count("pk", filter=complaint_overdue_q(clock.localdate())),
            )
        )
        user._complaint_home_counts = cached
    return cached
