"""Reads of one-time notices, scoped by who is asking (as notifications.rules)."""

from django.db.models import Count, Exists, OuterRef, Prefetch, Q

from commitments.models import Material
from core.masking import mask_phone
from deadlines.selectors import my_open_cases
from inquiries.models import AWAITING_OUTCOME_STATUSES
from inquiries.selectors import my_open_inquiries
from notifications.models import Notice, NoticeFailure, NoticeKind, NoticeMaterial, NoticeStatus, NoticeVisit
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
    visible = Q(inquiry__first_responder=me) | Q(inquiry__owner=me) | Q(case__handler=me)
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
            Prefetch(
                "materials",
                queryset=NoticeMaterial.objects.select_related("brought_on_visit", "not_applicable_on_visit"),
            ),
            Prefetch(
                "visits",
                queryset=NoticeVisit.objects.select_related("recorded_by").prefetch_related(
                    Prefetch("brought", queryset=NoticeMaterial.objects.order_by("order", "id")),
                    Prefetch("not_applicable", queryset=NoticeMaterial.objects.order_by("order", "id")),
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


def with_outstanding(queryset):
    """The list's rows, the latest first, each with the number of materials
    it listed that are still missing (``outstanding``)."""
    return queryset.annotate(
        outstanding=Count(
            "materials",
            filter=Q(
                materials__missing=True,
                materials__brought_at__isnull=True,
                materials__not_applicable_reason="",
            ),
        )
    ).order_by("-issued_at", "-id")


def with_failure(queryset):
    """The notices with at least one notice failure (rule 5's "run at most once" broken)."""
    return queryset.filter(Exists(NoticeFailure.objects.filter(notice=OuterRef("pk"))))


def notice_counts(queryset) -> dict:
    """The list's cards: open, complete, not acceptable, and the notices with a failure."""
    return queryset.aggregate(
        open=Count("id", filter=Q(status=NoticeStatus.OPEN)),
        complete=Count("id", filter=Q(status=NoticeStatus.COMPLETE)),
        not_acceptable=Count("id", filter=Q(kind=NoticeKind.NOT_ACCEPTABLE)),
        failures=Count("id", filter=Exists(NoticeFailure.objects.filter(notice=OuterRef("pk")))),
    )


def visitor_phone(notice, *, revealed: bool = False) -> str:
    """The visitor's phone: masked, unless revealed (notice_reveal_contact)."""
    return notice.visitor_phone if revealed else mask_phone(notice.visitor_phone)


def notice_sources(staff):
    """What a member of staff may issue a notice from: the inquiries they answer
    for that wait on an outcome, and the open cases they handle."""
    if staff is None:
        return [], []
    inquiries = my_open_inquiries(staff).filter(status__in=AWAITING_OUTCOME_STATUSES)
    cases = my_open_cases(staff).filter(service_item__isnull=False)
    return list(inquiries[:50]), list(cases[:50])


def outstanding_materials(notice):
    """The catalogue materials the notice listed that the visitor has not brought yet."""
    ids = [row.material_id for row in notice.materials.all() if row.outstanding]
    return Material.objects.filter(pk__in=ids).order_by("order", "id")


def unlisted_materials(notice):
    """The catalogue materials a visit might be asked for beyond the notice:
    those of its version it did not list as missing or settled as not
    applicable, and those the item's version in force added since (by name:
    a revision makes new rows of the same materials)."""
    rows = list(notice.materials.all())
    ids = [row.material_id for row in rows if not row.listed]
    current = notice.service_item.current_id
    if current is not None and current != notice.item_version_id:
        known = {row.name for row in rows}
        ids += [
            material.pk
            for material in Material.objects.filter(version_id=current)
            if material.name not in known
        ]
    # The notice's own version first: "version" alone would sort by the version's
    # Meta.ordering, newest first.
    return Material.objects.filter(pk__in=ids).order_by("version_id", "order", "id")


def visits_of(notice):
    """The visits on a notice, oldest first, with what each brought and its failures."""
    return notice.visits.select_related("recorded_by").prefetch_related(
        Prefetch("brought", queryset=NoticeMaterial.objects.order_by("order", "id")),
        Prefetch("not_applicable", queryset=NoticeMaterial.objects.order_by("order", "id")),
        "failures",
    )


def may_open_case(user, notice) -> bool:
    """Whether the page offers to receive the application: the materials are
    complete, no case is opened yet, and the user may open it (the rule)."""
    return (
        notice.status == NoticeStatus.COMPLETE
        and notice.case_id is None
        and user.has_perm("notifications.open_case", notice)
    )
