"""Who answers for a post, computed from the absences at the moment asked."""

import pytest

from abpositions import cover
from abpositions.cover import Basis
from tests.abpositions.conftest import at

pytestmark = pytest.mark.django_db


def test_the_a_holder_answers_when_nobody_is_away(post, a_holder):
    answer = cover.who_answers(post, at("2026-12-07 09:00"))
    assert (answer.staff, answer.basis, answer.uncovered) == (a_holder, Basis.A, False)


def test_b_answers_from_the_minute_a_leaves_until_the_minute_a_is_back(post, a_holder, b_holder, away):
    away(a_holder, "2026-12-07 14:30", "2026-12-08 09:00")
    assert cover.who_answers(post, at("2026-12-07 14:29")).staff == a_holder
    assert cover.who_answers(post, at("2026-12-07 14:30")).staff == b_holder
    # across midnight
    assert cover.who_answers(post, at("2026-12-08 00:00")).staff == b_holder
    assert cover.who_answers(post, at("2026-12-08 08:59")).staff == b_holder
    assert cover.who_answers(post, at("2026-12-08 09:00")).staff == a_holder


def test_a_cancelled_absence_leaves_a_answering(post, a_holder, away):
    from core import clock

    away(a_holder, "2026-12-07 09:00", "2026-12-09 18:00", cancelled_at=clock.now())
    assert cover.who_answers(post, at("2026-12-08 10:00")).staff == a_holder


def test_both_away_with_a_named_cover_the_cover_answers(post, a_holder, b_holder, make_staff, away):
    colleague = make_staff(name="同事王五")
    away(a_holder, "2026-12-07 09:00", "2026-12-09 18:00")
    away(b_holder, "2026-12-08 09:00", "2026-12-08 18:00", cover=colleague)
    answer = cover.who_answers(post, at("2026-12-08 10:00"))
    assert (answer.staff, answer.basis, answer.uncovered) == (colleague, Basis.COVER, False)


def test_both_away_and_nobody_named_the_post_is_uncovered_and_the_chief_answers(
    post, a_holder, b_holder, chief, away
):
    away(a_holder, "2026-12-07 09:00", "2026-12-09 18:00")
    away(b_holder, "2026-12-08 09:00", "2026-12-08 18:00")
    answer = cover.who_answers(post, at("2026-12-08 10:00"))
    assert (answer.staff, answer.basis, answer.uncovered) == (chief, Basis.CHIEF, True)
    assert answer.a_absence.staff == a_holder and answer.b_absence.staff == b_holder


def test_an_uncovered_post_whose_chief_is_away_too_has_nobody(post, a_holder, b_holder, chief, away):
    for person in (a_holder, b_holder, chief):
        away(person, "2026-12-08 09:00", "2026-12-08 18:00")
    answer = cover.who_answers(post, at("2026-12-08 10:00"))
    assert (answer.staff, answer.basis, answer.uncovered) == (None, Basis.NOBODY, True)


def test_answering_for_names_the_posts_b_covers_while_a_is_away(post, a_holder, b_holder, away):
    away(a_holder, "2026-12-07 09:00", "2026-12-09 18:00")
    covering = cover.answering_for(b_holder, at("2026-12-08 10:00"))
    assert [(answer.post, answer.basis) for answer in covering] == [(post, Basis.B)]
    assert cover.answering_for(b_holder, at("2026-12-10 10:00")) == []
    assert cover.answering_for(a_holder, at("2026-12-08 10:00")) == []


def test_answers_for_many_posts_costs_two_queries(
    department, a_holder, b_holder, chief, away, django_assert_num_queries
):
    from tests.factories import PostFactory

    posts = [PostFactory(department=department) for _ in range(5)]
    for post in posts:
        away(post.a_holder, "2026-12-07 09:00", "2026-12-09 18:00")
        away(post.b_holder, "2026-12-07 09:00", "2026-12-09 18:00")
    with django_assert_num_queries(2):
        found = cover.answers(posts, at("2026-12-08 10:00"))
    assert {answer.staff for answer in found.values()} == {chief}


def test_with_both_holders_away_narrows_to_the_posts_that_may_be_uncovered_to_the_minute(
    post, a_holder, b_holder, department, away, django_assert_num_queries
):
    from org.models import Post
    from tests.factories import PostFactory

    PostFactory(department=department)  # nobody away
    away(a_holder, "2026-12-07 09:00", "2026-12-09 18:00")
    away(b_holder, "2026-12-08 23:30", "2026-12-09 08:00")
    posts = Post.objects.filter(department=department)
    with django_assert_num_queries(1):
        assert list(cover.with_both_holders_away(posts, at("2026-12-08 23:29"))) == []
    assert list(cover.with_both_holders_away(posts, at("2026-12-08 23:30"))) == [post]
    assert list(cover.with_both_holders_away(posts, at("2026-12-09 00:30"))) == [post]  # across midnight
    assert list(cover.with_both_holders_away(posts, at("2026-12-09 08:00"))) == []


# --- B covering A's work (item 3) ------------------------------------------------


def test_covering_names_who_answers_for_each_away_holder_in_a_few_queries(
    post, a_holder, b_holder, make_staff, away, django_assert_max_num_queries
):
    other_a, other_b = make_staff(name="A2"), make_staff(name="B2")
    from tests.factories import PostFactory

    PostFactory(department=post.department, a_holder=other_a, b_holder=other_b)
    away(a_holder, "2026-12-07 09:00", "2026-12-08 09:00")
    away(other_a, "2026-12-07 09:00", "2026-12-08 09:00")
    with django_assert_max_num_queries(3):
        found = cover.covering([a_holder.pk, other_a.pk, b_holder.pk], at("2026-12-07 23:59"))
    assert found == {a_holder.pk: [b_holder], other_a.pk: [other_b]}
    with django_assert_max_num_queries(1):
        assert cover.covering([a_holder.pk], at("2026-12-08 09:00")) == {}


def test_covers_holds_only_while_a_is_away_and_never_for_oneself(post, a_holder, b_holder, away):
    away(a_holder, "2026-12-07 14:30", "2026-12-08 09:00")
    assert not cover.covers(b_holder, a_holder.pk, at("2026-12-07 14:29"))
    assert cover.covers(b_holder, a_holder.pk, at("2026-12-07 14:30"))
    assert cover.covers(b_holder, a_holder.pk, at("2026-12-08 00:00"))
    assert not cover.covers(b_holder, a_holder.pk, at("2026-12-08 09:00"))
    assert not cover.covers(a_holder, a_holder.pk, at("2026-12-07 15:00"))
    assert not cover.covers(a_holder, b_holder.pk, at("2026-12-07 15:00"))


def test_covered_holders_is_one_query_while_nobody_is_away(post, b_holder, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        assert cover.covered_holders(b_holder, at("2026-12-07 10:00")) == []


def test_the_chief_covers_an_uncovered_post(post, a_holder, b_holder, chief, away):
    away(a_holder, "2026-12-07 09:00", "2026-12-09 18:00")
    away(b_holder, "2026-12-08 09:00", "2026-12-08 18:00")
    assert cover.covered_holders(chief, at("2026-12-08 10:00")) == [a_holder]
    assert cover.covered_holders(b_holder, at("2026-12-08 10:00")) == []


def test_route_keeps_it_with_a_holder_who_receives_it(post, a_holder, b_holder, make_staff, away):
    colleague = make_staff(name="同事")
    away(a_holder, "2026-12-07 09:00", "2026-12-08 09:00")
    assert cover.route(b_holder, post, at("2026-12-07 10:00")) == cover.Routed(b_holder, a_holder)
    assert cover.route(colleague, post, at("2026-12-07 10:00")) == cover.Routed(b_holder, a_holder)
    assert cover.route(a_holder, post, at("2026-12-07 10:00")) == cover.Routed(a_holder)
    assert cover.route(b_holder, post, at("2026-12-08 09:00")) == cover.Routed(a_holder)
    assert cover.route(None, post, at("2026-12-08 09:00")) == cover.Routed(a_holder)
