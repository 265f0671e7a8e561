"""Who answers for a post, or for a person's work, at a given moment (rule 4).

The one place that computes cover, as ``workdays.days`` is the one place that
counts working days. Cover follows from the absences at the moment of the
action, never from a flag someone must remember to clear:

- the A holder answers, unless away;
- while A is away, the B holder answers (B acts with A's authority);
- while both are away, whoever the section chief named on either absence;
- nobody named: the post is *uncovered* and its section's chief answers for
  it until they name someone ("由科室负责人或分管负责人亲自或指派其他人").

An absence counts from ``start`` (inclusive) to ``end`` (exclusive), to the
minute, unless cancelled. Every function reads the absences it needs in one
query, however many posts or people it is asked about.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Exists, OuterRef, Q, QuerySet

from abpositions.models import Absence
from core import clock
from org.models import Post, Staff
from org.roles import Role


class Basis:
    A = "a"
    B = "b"
    COVER = "cover"
    CHIEF = "chief"
    NOBODY = "nobody"


@dataclass(frozen=True)
class Answer:
    """Who answers for ``post`` now, and why."""

    post: Post
    staff: Staff | None
    basis: str
    absences: dict[int, Absence] = field(default_factory=dict)

    @property
    def uncovered(self) -> bool:
        """Both holders away and nobody named: the chief's to cover."""
        return self.basis in (Basis.CHIEF, Basis.NOBODY)

    @property
    def a_absence(self) -> Absence | None:
        return self.absences.get(self.post.a_holder_id)

    @property
    def b_absence(self) -> Absence | None:
        return self.absences.get(self.post.b_holder_id)


def current_absences(staff_ids: Iterable[int], at: datetime | None = None) -> dict[int, Absence]:
    """Each of these staff members' absence in force at ``at`` (now by default)."""
    at = at or clock.now()
    ids = set(staff_ids)
    if not ids:
        return {}
    rows = Absence.objects.in_force(at).filter(staff_id__in=ids).select_related("cover")
    return {row.staff_id: row for row in rows.order_by("start")}


def with_both_holders_away(posts: QuerySet, at: datetime | None = None) -> QuerySet:
    """Narrow ``posts`` to those whose A and B holders are both away at ``at``:
    the only ones that may be uncovered (``answers`` then says whether somebody
    is named). One query, however many posts, where most have nobody away."""
    at = at or clock.now()
    away = Absence.objects.in_force(at)
    return posts.filter(
        Exists(away.filter(staff_id=OuterRef("a_holder_id"))),
        Exists(away.filter(staff_id=OuterRef("b_holder_id"))),
    )


def is_away(staff: Staff, at: datetime | None = None) -> Absence | None:
    return current_absences([staff.pk], at).get(staff.pk)


def answers(posts: Iterable[Post], at: datetime | None = None) -> dict[int, Answer]:
    """Who answers for each post at ``at``: two queries at most (the holders'
    absences, and the chiefs of sections with an uncovered post)."""
    posts = list(posts)
    absences = current_absences([pid for post in posts for pid in (post.a_holder_id, post.b_holder_id)], at)
    result = {}
    uncovered = []
    for post in posts:
        mine = {pid: absences[pid] for pid in (post.a_holder_id, post.b_holder_id) if pid in absences}
        if post.a_holder_id not in mine:
            result[post.pk] = Answer(post, post.a_holder, Basis.A, mine)
        elif post.b_holder_id not in mine:
            result[post.pk] = Answer(post, post.b_holder, Basis.B, mine)
        else:
            named = _named_cover(mine.values(), absences)
            if named is not None:
                result[post.pk] = Answer(post, named, Basis.COVER, mine)
            else:
                uncovered.append((post, mine))
    if uncovered:
        chiefs = _chiefs_present({post.department_id for post, _ in uncovered}, at)
        for post, mine in uncovered:
            chief = chiefs.get(post.department_id)
            result[post.pk] = Answer(post, chief, Basis.CHIEF if chief else Basis.NOBODY, mine)
    return result


def who_answers(post: Post, at: datetime | None = None) -> Answer:
    return answers([post], at)[post.pk]


def answering_for(staff: Staff, at: datetime | None = None) -> list[Answer]:
    """The posts whose work ``staff`` answers for at ``at`` instead of their A
    holder: as B while A is away, as the named cover, or as the chief of an
    uncovered post. What "B sees A's open work" and the 代岗 mark read."""
    candidates = (
        Post.objects.select_related("department", "a_holder", "b_holder")
        .filter(
            Q(b_holder=staff)
            | Q(a_holder__absences__cover=staff)
            | Q(b_holder__absences__cover=staff)
            | Q(department=staff.department_id)
        )
        .distinct()
    )
    return [
        answer
        for answer in answers(candidates, at).values()
        if answer.staff == staff and answer.basis != Basis.A
    ]


def _named_cover(own: Iterable[Absence], everyone_away: dict[int, Absence]) -> Staff | None:
    for absence in sorted(own, key=lambda row: row.registered_at, reverse=True):
        if absence.cover_id and absence.cover_id not in everyone_away:
            return absence.cover
    return None


def _chiefs_present(department_ids: set[int], at: datetime | None) -> dict[int, Staff]:
    at = at or clock.now()
    away = Absence.objects.in_force(at).values("staff_id")
    chiefs = (
        Staff.objects.active()
        .with_role(Role.SECTION_CHIEF)
        .filter(department_id__in=department_ids)
        .exclude(pk__in=away)
        .order_by("-rank", "pk")
    )
    found = {}
    for chief in chiefs:
        found.setdefault(chief.department_id, chief)
    return found


def covering(staff_ids: Iterable[int], at: datetime | None = None) -> dict[int, list[Staff]]:
    """Who answers for each of these people's work at ``at`` instead of them:
    for someone away who holds A on a post, whoever answers for that post now
    (B, the named cover, or the chief of an uncovered post). Nobody for
    anyone at work. One query when nobody asked about is away, three or four
    however many are."""
    away = current_absences(staff_ids, at)
    if not away:
        return {}
    posts = Post.objects.select_related("a_holder", "b_holder").filter(a_holder_id__in=away)
    found: dict[int, list[Staff]] = {}
    for answer in answers(posts, at).values():
        if answer.staff is None or answer.basis == Basis.A:
            continue
        mine = found.setdefault(answer.post.a_holder_id, [])
        if answer.staff not in mine:
            mine.append(answer.staff)
    return found


def covers(staff: Staff | None, holder_id: int | None, at: datetime | None = None) -> bool:
    """Whether ``staff`` answers for the work of the staff member ``holder_id``
    at ``at``: as B while they are away, as the named cover, or as the chief of
    their uncovered post. Never for oneself."""
    if staff is None or holder_id is None or staff.pk == holder_id:
        return False
    return any(holder.pk == holder_id for holder in covered_holders(staff, at))


def _remembered(staff: Staff, key: tuple, at: datetime | None, compute):
    """A question about "now" asked again in the same minute (a page asking
    several permissions of one request) is answered from the staff object the
    request holds, not the database: cover is to the minute."""
    if at is not None:
        return compute()
    memo = staff.__dict__.setdefault("_cover_memo", {})
    key = (*key, clock.now().replace(second=0, microsecond=0))
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def covered_holders(staff: Staff, at: datetime | None = None) -> list[Staff]:
    """The A holders whose work ``staff`` answers for at ``at`` (B's 代岗
    list). One query while none of the A holders ``staff`` might cover is
    away, which is most of the time; the lists that show B's work ask it."""
    return _remembered(staff, ("holders",), at, lambda: _covered_holders(staff, at or clock.now()))


def _covered_holders(staff: Staff, at: datetime) -> list[Staff]:
    in_force = Absence.objects.in_force(at)
    candidates = list(
        Post.objects.select_related("department", "a_holder", "b_holder")
        .filter(
            Q(b_holder=staff)
            | Q(a_holder__absences__cover=staff)
            | Q(b_holder__absences__cover=staff)
            | Q(department=staff.department_id),
            a_holder_id__in=in_force.values("staff_id"),
        )
        .distinct()
    )
    holders = []
    for answer in answers(candidates, at).values() if candidates else ():
        if answer.staff != staff or answer.basis == Basis.A or answer.post.a_holder_id == staff.pk:
            continue
        if answer.post.a_holder not in holders:
            holders.append(answer.post.a_holder)
    return holders


@dataclass(frozen=True)
class Routed:
    """Whom a new matter of a post goes to, and the A holder they receive it
    for when they answer for A, who is away (None when it is their own)."""

    staff: Staff | None
    for_holder: Staff | None = None


def route(receiver: Staff | None, post: Post, at: datetime | None = None) -> Routed:
    """Who a new matter of ``post`` goes to when nobody is named: the one
    receiving it when they hold the post as A, or as B while A is away
    ("属于本人职责范围内的事项…及时办理"); otherwise whoever answers for the post
    now (A, else B, else the named cover, else the section chief)."""
    if receiver is not None and receiver.pk == post.a_holder_id:
        return Routed(receiver)
    answer = who_answers(post, at)
    a_away = answer.basis != Basis.A
    if receiver is not None and receiver.pk == post.b_holder_id and a_away:
        return Routed(receiver, post.a_holder)
    if answer.staff is None:
        return Routed(None)
    return Routed(answer.staff, post.a_holder if a_away else None)
