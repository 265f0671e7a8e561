"""What the public board's 今日在岗 page shows (rule 4, item 6).

A window post is a post that answers for at least one published service
item. For each, by section: the items it handles and who serves there now
(``cover.answers`` at the moment of the request), named only when the staff
board already shows that person's name. Nothing about an absence (its kind,
reason, dates or contact) leaves this module: the page is public.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Exists, OuterRef, Prefetch

from abpositions import cover
from commitments.models import ServiceItem
from commitments.selectors import board_staff, published_items
from core import clock
from org.models import Department, Post


@dataclass(frozen=True)
class WindowPost:
    post: Post
    items: list[ServiceItem]
    basis: str
    # Who serves there now, "" for nobody or a person the board does not name.
    name: str

    @property
    def unattended(self) -> bool:
        return self.basis == cover.Basis.NOBODY


@dataclass
class WindowSection:
    department: Department
    posts: list[WindowPost] = field(default_factory=list)


@dataclass(frozen=True)
class Today:
    at: datetime
    sections: list[WindowSection]

    @property
    def posts(self) -> list[WindowPost]:
        return [row for section in self.sections for row in section.posts]

    @property
    def covered_by_b(self) -> int:
        return sum(1 for row in self.posts if row.basis == cover.Basis.B)

    @property
    def unattended(self) -> int:
        return sum(1 for row in self.posts if row.unattended)


def window_posts() -> list[Post]:
    """The posts with a published item, by section, each with those items
    (``window_items``, by code) and its holders: two queries."""
    items = published_items().order_by("code")
    return list(
        Post.objects.filter(Exists(items.filter(post=OuterRef("pk"))))
        .select_related("department", "a_holder", "b_holder")
        .prefetch_related(Prefetch("service_items", queryset=items, to_attr="window_items"))
        .order_by("department__order", "department__code", "name")
    )


def today() -> Today:
    """Who serves at each window post now: five queries at most, however many posts."""
    at = clock.now()
    posts = window_posts()
    answers = cover.answers(posts, at)
    answering = {answer.staff.pk for answer in answers.values() if answer.staff is not None}
    public = set(board_staff().filter(pk__in=answering).values_list("pk", flat=True)) if answering else set()
    sections: dict[int, WindowSection] = {}
    for post in posts:
        answer = answers[post.pk]
        shown = answer.staff is not None and answer.staff.pk in public
        section = sections.setdefault(post.department_id, WindowSection(post.department))
        section.posts.append(
            WindowPost(post, post.window_items, answer.basis, answer.staff.name if shown else "")
        )
    return Today(at=at, sections=list(sections.values()))
