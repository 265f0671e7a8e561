"""Reads of inquiries, scoped by who is asking."""

from datetime import datetime
from urllib.parse import urlencode

from django.db.models import BigIntegerField, CharField, Count, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone

from abpositions import cover
from audit.models import AuditEvent
from core.masking import mask_id_number, mask_phone
from deadlines.selectors import intake_handlers, local_midnight
from inquiries.models import (
    AWAITING_OUTCOME_STATUSES,
    OPEN_INQUIRY_STATUSES,
    AskedStaff,
    Inquiry,
    InquiryKind,
    InquiryStatus,
    OwnerAlert,
    Transfer,
)
from org.models import Department, Staff
from org.predicates import is_section_chief, is_supervisor, staff_of
from org.roles import Role


def inquiries_visible_to(user):
    """Supervisors: every inquiry; a section chief: their section's and their
    own; anyone else: those they logged, were asked, answer for or had
    transferred to them. Reports and complaints only to who took them, the
    handler they were transferred to, the section's chief and the supervisors (see inquiries.rules)."""
    qs = Inquiry.objects.select_related("first_responder", "department", "service_item", "case")
    if is_supervisor(user):
        return qs
    me = staff_of(user)
    if me is None:
        return qs.none()
    mine = Q(first_responder=me) | Q(created_by=user)
    covered = [holder.pk for holder in cover.covered_holders(me)]
    if covered:
        # Rule 4: B sees what the A holders they answer for now own or were sent.
        mine |= Q(owner_id__in=covered) | Q(transfer__to_id__in=covered)
    involved = mine | Q(asked__staff=me) | Q(transfer__to=me)
    visible = (~Q(kind=InquiryKind.REPORT) & involved) | (
        Q(kind=InquiryKind.REPORT) & (mine | Q(transfer__to=me))
    )
    if is_section_chief(user):
        visible |= Q(department_id=me.department_id)
    return qs.filter(visible).distinct()


def inquiry_for(user, pk) -> Inquiry | None:
    inquiry = inquiries_visible_to(user).filter(pk=pk).first()
    if inquiry is None or not user.has_perm("inquiries.view_inquiry", inquiry):
        return None
    return inquiry


def my_open_inquiries(staff, covered=()):
    """What a member of staff still answers for, the oldest first: as first
    responder, or as the handler who acknowledged its transfer (its owner);
    with what the A holders in ``covered`` own (rule 4: B covering A, 代岗)."""
    owners = [staff.pk, *(holder.pk for holder in covered)]
    return (
        Inquiry.objects.filter(owner_id__in=owners, status__in=(*OPEN_INQUIRY_STATUSES, InquiryStatus.NOTICE))
        .select_related("department", "service_item", "owner")
        .order_by("asked_at", "id")
    )


def transfers_to_acknowledge(staff, covered=()):
    """The transfers waiting for the staff member's acknowledgement, and for
    that of the A holders in ``covered``, whom they answer for now (rule 4)."""
    targets = [staff.pk, *(holder.pk for holder in covered)]
    return (
        Transfer.objects.filter(to_id__in=targets, acknowledged_at__isnull=True)
        .select_related("inquiry", "by", "to")
        .order_by("acknowledge_by", "at")
    )


def visitor_contact(inquiry, *, revealed: bool = False) -> dict:
    """The visitor's phone and ID number: masked, unless revealed (inquiry_reveal_contact)."""
    if revealed:
        return {"phone": inquiry.visitor_phone, "id_number": inquiry.visitor_id_number, "masked": False}
    return {
        "phone": mask_phone(inquiry.visitor_phone),
        "id_number": mask_id_number(inquiry.visitor_id_number),
        "masked": bool(inquiry.visitor_phone or inquiry.visitor_id_number),
    }


# --- The pages' reads ----------------------------------------------------------

# What a list row shows: the first responder, the section, and the transfer
# (whose flag and acknowledgement the status badge shows), in the same query.
LIST_RELATED = ("first_responder", "department", "transfer")


def start_of_today() -> datetime:
    return local_midnight(timezone.localdate())


def start_of_month() -> datetime:
    return local_midnight(timezone.localdate().replace(day=1))


def inquiry_for_page(user, pk) -> Inquiry | None:
    """One inquiry with everything its page shows, or None when the user may not view it."""
    inquiry = (
        inquiries_visible_to(user)
        .select_related(
            "service_item__current",
            "service_item__department",
            "refer_department",
            "outcome_by",
            "owner",
            "created_by__staff",
            "case",
            "transfer__to",
            "transfer__by",
        )
        .prefetch_related(
            Prefetch("asked", queryset=AskedStaff.objects.select_related("staff__department")),
            Prefetch("alerts", queryset=OwnerAlert.objects.order_by("at", "id")),
        )
        .filter(pk=pk)
        .first()
    )
    if inquiry is None or not user.has_perm("inquiries.view_inquiry", inquiry):
        return None
    return inquiry


def my_open_inquiry_list(staff, covered=()):
    """my_open_inquiries with what a list row shows."""
    return my_open_inquiries(staff, covered).select_related(*LIST_RELATED)


def inquiries_logged_by(user):
    """What a member of staff logged at the desk, the latest first."""
    return Inquiry.objects.filter(created_by=user).select_related(*LIST_RELATED).order_by("-asked_at", "-id")


def answers_for_inquiries(staff) -> bool:
    return staff is not None and Inquiry.objects.filter(Q(first_responder=staff) | Q(owner=staff)).exists()


def flagged_q() -> Q:
    """An inquiry with no outcome in time, or a transfer not acknowledged in time."""
    return Q(flagged=True) | Q(transfer__flagged=True, transfer__acknowledged_at__isnull=True)


def my_counts(staff, covered=()) -> dict:
    """The owner's cards: awaiting my outcome (as first responder or after taking
    a transfer over), waiting for acknowledgement, with a notice, flagged; with
    what the A holders in ``covered`` own, as my_open_inquiries lists it."""
    return my_open_inquiries(staff, covered).aggregate(
        open=Count("id", filter=Q(status__in=AWAITING_OUTCOME_STATUSES)),
        transferred=Count("id", filter=Q(status=InquiryStatus.TRANSFERRED)),
        notice=Count("id", filter=Q(status=InquiryStatus.NOTICE)),
        flagged=Count("id", filter=flagged_q()),
    )


def acknowledged_transfers(staff, limit: int = 20) -> list:
    """The transfers acknowledged to the handler, and those the handler
    acknowledged for an A holder while covering for them (rule 4), the latest
    first. A transfer keeps when it was acknowledged, not by whom: the audit
    trail does (``transfer.acknowledge``, ``acting_for`` the A holder). Each
    carries ``acknowledged_by_cover``: the name of whoever acknowledged it for
    its handler, or None when the handler did. One query."""
    if staff is None:
        return []
    for_another = AuditEvent.objects.filter(
        verb="transfer.acknowledge",
        subject_type__app_label="inquiries",
        subject_type__model="inquiry",
        acting_for__isnull=False,
    )
    mine_for_another = for_another.filter(actor_id=staff.user_id).values(
        inquiry=Cast("subject_id", BigIntegerField())
    )
    by_cover = for_another.filter(subject_id=Cast(OuterRef("inquiry_id"), CharField())).values(
        "actor__staff__name"
    )[:1]
    return list(
        Transfer.objects.filter(
            Q(to=staff) | Q(inquiry_id__in=mine_for_another), acknowledged_at__isnull=False
        )
        .select_related("inquiry", "by", "to")
        .annotate(acknowledged_by_cover=Subquery(by_cover))
        .order_by("-acknowledged_at", "-id")[:limit]
    )


def transfer_for(user, pk) -> Transfer | None:
    """A transfer whose inquiry the user may view, or None."""
    transfer = Transfer.objects.select_related("inquiry", "to").filter(pk=pk).first()
    if transfer is None:
        return None
    if not (
        user.has_perm("inquiries.acknowledge_transfer", transfer)
        or user.has_perm("inquiries.view_inquiry", transfer.inquiry)
    ):
        return None
    return transfer


def section_inquiry_list(department=None):
    """The section page's inquiries: one section's, or every section's for a supervisor."""
    qs = Inquiry.objects.select_related(*LIST_RELATED).order_by("-asked_at", "-id")
    return qs.filter(department=department) if department is not None else qs


def flagged_open_inquiries():
    """Every section's inquiries not closed and flagged (the section page's "not closed" and "flagged")."""
    return Inquiry.objects.exclude(status=InquiryStatus.CLOSED).filter(flagged_q())


def section_counts(queryset) -> dict:
    """The section page's cards: open, flagged, transferred and not acknowledged, closed this month."""
    return queryset.aggregate(
        open=Count("id", filter=Q(status=InquiryStatus.OPEN)),
        flagged=Count("id", filter=Q(status__in=OPEN_INQUIRY_STATUSES) & flagged_q()),
        transferred=Count("id", filter=Q(status=InquiryStatus.TRANSFERRED)),
        closed_this_month=Count("id", filter=Q(status=InquiryStatus.CLOSED, closed_at__gte=start_of_month())),
    )


def register_list(department=None):
    """The register of reports and complaints (登记在册): one section's, or the bureau's."""
    qs = Inquiry.objects.reports().select_related(*LIST_RELATED).order_by("-asked_at", "-id")
    return qs.filter(department=department) if department is not None else qs


def register_counts(queryset) -> dict:
    return queryset.aggregate(
        total=Count("id"),
        open=Count("id", filter=~Q(status=InquiryStatus.CLOSED)),
        flagged=Count("id", filter=~Q(status=InquiryStatus.CLOSED) & flagged_q()),
        closed=Count("id", filter=Q(status=InquiryStatus.CLOSED)),
    )


def intake_staff():
    """Active staff, by section: who may be named as asked."""
    return (
        Staff.objects.active()
        .select_related("department")
        .order_by("department__order", "department__code", "-rank", "employee_number")
    )


def transfer_targets(inquiry):
    """The handlers of the inquiry's own section, but the first responder."""
    return (
        Staff.objects.active()
        .with_role(Role.HANDLER)
        .filter(department_id=inquiry.department_id)
        .exclude(pk=inquiry.first_responder_id)
        .select_related("department")
        .order_by("-rank", "employee_number")
    )


def refer_departments(inquiry):
    """The other sections of the bureau, with their public phone and room."""
    return Department.objects.exclude(pk=inquiry.department_id).order_by("order", "code")


def case_handlers(service_item):
    """Who may handle a case of the item: deadlines' handlers, of the item's section."""
    return intake_handlers().filter(department_id=service_item.department_id)


def section_staff(department=None):
    """The first responders a section page may filter by."""
    qs = Staff.objects.select_related("department").order_by(
        "department__order", "department__code", "-rank", "employee_number"
    )
    return qs.filter(department=department) if department is not None else qs


def _head_and_total(queryset, size: int = 5) -> tuple[list, int]:
    """The first ``size`` rows and how many there are: one query unless there are more."""
    head = list(queryset[: size + 1])
    total = len(head) if len(head) <= size else queryset.count()
    return head[:size], total


# The "my inquiries" filter's status for what waits for my outcome: as first
# responder (open) or as the handler of a transfer I took over (acknowledged).
STATUS_AWAITING = "awaiting"


def _mine_url(**query) -> str:
    return f"{reverse('inquiries:mine')}?{urlencode(query)}#results"


def home_desk_context(user) -> dict:
    """The front desk's panel: what it logged today, and what awaits its outcome
    (the oldest first); each count links to the list it counts."""
    me = staff_of(user)
    today = inquiries_logged_by(user).filter(asked_at__gte=start_of_today())
    covered = cover.covered_holders(me) if me is not None else ()
    awaiting = (
        my_open_inquiry_list(me, covered).filter(status__in=AWAITING_OUTCOME_STATUSES)
        if me is not None
        else []
    )
    return {
        "today_total": today.count(),
        "open": list(awaiting[:5]),
        "counts": my_counts(me, covered),
        "urls": {
            "today": _mine_url(show="logged", asked_from=timezone.localdate().isoformat()),
            "awaiting": _mine_url(show="open", status=STATUS_AWAITING),
            "flagged": _mine_url(show="open", flagged="true"),
        },
    }


def home_transfers_context(user) -> dict:
    """A handler's panel: the transfers waiting for their acknowledgement, the
    earliest due first, and how many they took over still await their outcome."""
    me = staff_of(user)
    covered = cover.covered_holders(me)
    transfers, total = _head_and_total(transfers_to_acknowledge(me, covered))
    return {
        "transfers": transfers,
        "total": total,
        "taken_over": my_open_inquiries(me, covered).filter(status=InquiryStatus.ACKNOWLEDGED).count(),
        "today": timezone.localdate(),
        "urls": {
            "waiting": f"{reverse('inquiries:transfers')}#waiting",
            "taken_over": _mine_url(show="open", status=InquiryStatus.ACKNOWLEDGED),
        },
    }
