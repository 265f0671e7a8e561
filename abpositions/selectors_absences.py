"""Reads of absences, scoped by who asks, and what the post board shows."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from abpositions import cover, work
from abpositions.models import Absence, in_force
from core import clock
from org.models import Department, Post, Staff
from org.predicates import is_section_chief, is_supervisor, staff_of


def absences_visible_to(user) -> QuerySet[Absence]:
    """A supervisor sees every absence; a section chief their section's; anyone else their own."""
    rows = Absence.objects.select_related("staff", "staff__department", "cover")
    if is_supervisor(user):
        return rows
    me = staff_of(user)
    if me is None:
        return rows.none()
    if is_section_chief(user):
        return rows.filter(Q(staff__department=me.department_id) | Q(staff=me))
    return rows.filter(staff=me)


def current(rows: QuerySet[Absence], flag: bool = True) -> QuerySet[Absence]:
    now = in_force(clock.now())
    return rows.filter(now) if flag else rows.exclude(now)


def not_over(rows: QuerySet[Absence]) -> QuerySet[Absence]:
    """In force or still to come: what "I am back" and cancel act on."""
    return rows.filter(end__gt=clock.now(), cancelled_at__isnull=True)


def section_staff(department_id: int) -> QuerySet[Staff]:
    """Whom a chief may register an absence for, or name as cover."""
    return Staff.objects.active().filter(department_id=department_id).order_by("-rank", "name")


@dataclass(frozen=True)
class Board:
    department: Department
    rows: list[cover.Answer]
    covered_by_b: int
    uncovered: int


def post_board(department: Department) -> Board:
    """Each post of the section, its holders, who is away and who answers now:
    one query for the posts, one for the absences (and the chiefs when a post is uncovered)."""
    posts = Post.objects.filter(department=department).select_related("a_holder", "b_holder").order_by("name")
    answers = list(cover.answers(posts).values())
    return Board(
        department=department,
        rows=answers,
        covered_by_b=sum(1 for answer in answers if answer.basis == cover.Basis.B),
        uncovered=sum(1 for answer in answers if answer.uncovered),
    )


def cover_state(user) -> dict:
    """What the home panel shows a person who covers now, or who is away:
    whose work they answer for (until when, with A's open work counted by the
    sources the apps above registered) and their own absence. Kept on the
    user for the request, as the panel asks twice (visible, then context)."""
    if not hasattr(user, "_abpositions_cover_state"):
        me = staff_of(user)
        state = {}
        if me is not None:
            covering = [
                {"answer": answer, "counts": _open_work(answer.post.a_holder)}
                for answer in cover.answering_for(me)
            ]
            state = {"covering": covering, "away": cover.is_away(me)}
        user._abpositions_cover_state = state
    return user._abpositions_cover_state


def shows_cover_panel(user) -> bool:
    state = cover_state(user)
    return bool(state.get("covering") or state.get("away"))


def _open_work(holder: Staff) -> list[dict]:
    return [
        {"label": source.label, "count": count, "url": source.list_url(holder) if source.list_url else ""}
        for source, count in work.open_work_counts(holder)
    ]
