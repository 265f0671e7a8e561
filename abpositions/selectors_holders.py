"""What the holder-change pages and the chief's queue read."""

from django.db.models import QuerySet

from abpositions import cover
from abpositions.models import (
    ChangeStatus,
    ConsentStatus,
    CoverConsent,
    Handover,
    HandoverStatus,
    HolderChange,
)
from org.models import Department, Post
from org.predicates import is_administrator, is_section_chief, is_supervisor, staff_of


def holder_changes_visible_to(user) -> QuerySet[HolderChange]:
    """Administrators and supervisors see every section's; a chief their own section's."""
    changes = HolderChange.objects.select_related(
        "post__department", "previous", "proposed", "requested_by__staff", "decided_by__staff"
    )
    if is_administrator(user) or is_supervisor(user):
        return changes
    me = staff_of(user)
    if me is not None and is_section_chief(user):
        return changes.filter(post__department=me.department_id)
    return changes.none()


def posts_visible_to(user) -> QuerySet[Post]:
    """The posts whose holders ``user`` may ask to change."""
    posts = Post.objects.select_related("department", "a_holder", "b_holder")
    if is_administrator(user):
        return posts
    me = staff_of(user)
    if me is not None and is_section_chief(user):
        return posts.filter(department=me.department_id)
    return posts.none()


def chief_queue(department: Department) -> dict:
    """What waits for a section chief: five queries however long the queue."""
    posts = list(
        Post.objects.filter(department=department).select_related("a_holder", "b_holder", "department")
    )
    return {
        "changes": list(
            HolderChange.objects.filter(post__department=department, status=ChangeStatus.PENDING)
            .select_related("post", "previous", "proposed", "requested_by__staff")
            .order_by("requested_at")
        ),
        "uncovered": [answer for answer in cover.answers(posts).values() if answer.uncovered],
        "consents": list(
            CoverConsent.objects.filter(absence__staff__department=department, status=ConsentStatus.ASKED)
            .select_related("absence__staff", "cover")
            .order_by("asked_at")
        ),
        "handovers": list(
            Handover.objects.filter(holder__department=department)
            .exclude(status=HandoverStatus.ACKNOWLEDGED)
            .select_related("holder", "cover")
            .order_by("acknowledge_by")
        ),
    }
