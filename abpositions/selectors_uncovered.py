"""Reads for item 5: the posts of a section that are uncovered now."""

from abpositions.cover import Answer, answers, with_both_holders_away
from org.models import Post
from org.predicates import staff_of


def uncovered_posts(department_id: int, at=None) -> list[Answer]:
    """Who answers for each uncovered post of the section, by name: one query
    when none is (most of the time), four at most."""
    posts = with_both_holders_away(
        Post.objects.filter(department_id=department_id).select_related("department", "a_holder", "b_holder"),
        at,
    )
    found = [answer for answer in answers(posts, at).values() if answer.uncovered]
    return sorted(found, key=lambda answer: answer.post.name)


def home_chief_context(user) -> dict:
    """The chief's panel: the section's uncovered posts, each one click from naming its cover."""
    me = staff_of(user)
    return {"section": me.department, "uncovered": uncovered_posts(me.department_id)}
