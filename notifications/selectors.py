"""Reads of one-time notices, scoped by who is asking (as notifications.rules)."""

from django.db.models import Count, Prefetch, Q

from commitments.models import ServiceItem
from deadlines.selectors import my_open_cases
from inquiries.models import InquiryStatus
from inquiries.selectors import my_open_inquiries
from messaging.sms import mask_phone
from notifications.models import Notice, NoticeFailure, NoticeKind, NoticeMaterial, NoticeStatus, NoticeVisit
from org.models import Staff
from org.predicates import is_front_desk, is_handler, is_section_chief, is_supervisor, staff_of


def notices_visible_to(user):
    """Supervisors and the front desk: every notice (the visitor comes back to
    any window with its number); anyone else at the desk: those they issued
    and their section's; and the notices of the inquiries a staff member
    answers for and of the cases they handle."""
    qs = Notice.objects.select_related("service_item", "item_version", "department", "issued_by")
    if is_supervisor(user) or is_front_desk(user):
        return qs
    me = staff_of(user)
    if me is None:
        return qs.none()
    visible = Q(inquiry__first_responder=me) | Q(case__handler=me)
    if is_handler(user) or is_section_chief(user):
        visible |= Q(issued_by=me) | Q(department_id=me.department_id)
    if is_section_chief(user):
        visible |= Q(inquiry__department_id=me.department_id)
    return qs.filter(visible)


def notice_for_page(user, pk) -> Notice | None:
    """One notice with everything its page shows, or None when the user may not view it."""
    notice = (
        notices_visible_to(user)
        .select_related(
            "inquiry__first_responder",
            "case__handler",
            "issued_by__department",
            "service_item__department",
        )
        .prefetch_related(
            Prefetch("materials", queryset=NoticeMaterial.objects.select_related("brought_on_visit")),
            Prefetch(
                "visits",
                queryset=NoticeVisit.objects.select_related("recorded_by").prefetch_related(
                    Prefetch("brought", queryset=NoticeMaterial.objects.order_by("order", "id")),
                    Prefetch("failures", queryset=NoticeFailure.objects.order_by("id")),
                ),
            ),
            Prefetch(
                "failures", queryset=NoticeFailure.objects.select_related("staff", "overridden_by", "visit")
            ),
        )
        .filter(pk=pk)
        .first()
    )
    if notice is None or not user.has_perm("notifications.view_notice", notice):
        return None
    return notice


def notice_counts(queryset) -> dict:
    """The list's cards: open, complete, not acceptable, and notice failures."""
    counts = queryset.aggregate(
        open=Count("id", filter=Q(status=NoticeStatus.OPEN)),
        complete=Count("id", filter=Q(status=NoticeStatus.COMPLETE)),
        not_acceptable=Count("id", filter=Q(kind=NoticeKind.NOT_ACCEPTABLE)),
    )
    counts["failures"] = NoticeFailure.objects.filter(notice__in=queryset.values("pk")).count()
    return counts


def visitor_phone_for(user, notice) -> str:
    """The visitor's phone, masked for whoever does not deal with the visitor."""
    if not notice.visitor_phone or user.has_perm("notifications.see_visitor_contact", notice):
        return notice.visitor_phone
    return mask_phone(notice.visitor_phone)


def issuable_items():
    """The published items a notice may be issued for, by section."""
    return (
        ServiceItem.objects.published()
        .select_related("department", "current")
        .order_by("department__order", "department__code", "code")
    )


def notice_sources(staff):
    """What a member of staff may issue a notice from: the inquiries they answer
    for that wait on an outcome, and the open cases they handle."""
    if staff is None:
        return [], []
    inquiries = my_open_inquiries(staff).filter(status=InquiryStatus.OPEN)
    cases = my_open_cases(staff).filter(service_item__isnull=False)
    return list(inquiries[:50]), list(cases[:50])


def case_handlers(service_item):
    """Who may be named the handler of the case: active staff of the item's section."""
    return (
        Staff.objects.active()
        .filter(department_id=service_item.department_id)
        .select_related("department")
        .order_by("-rank", "employee_number")
    )
