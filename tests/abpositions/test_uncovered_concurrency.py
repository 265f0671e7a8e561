"""Two workers running the uncovered-post check at once. Threads with their
own database connections; on PostgreSQL (CI's second pass) the rows are
really contended, as in tests/deadlines/test_concurrency.py."""

import pytest
import time_machine

from abpositions.jobs_uncovered import posts_uncovered_check, posts_uncovered_morning_check
from abpositions.models import UncoveredPeriod
from audit.models import AuditEvent
from messaging.models import Message
from tests.abpositions.conftest import at
from tests.concurrency import run_together
from tests.factories import PostFactory


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_alert_the_chief_once_per_uncovered_period(
    official_calendar, department, chief, supervisor, other_department, away
):
    posts = [PostFactory(department=department) for _ in range(3)]
    chiefless = PostFactory(department=other_department)
    for post in [*posts, chiefless]:
        away(post.a_holder, "2026-12-08 09:00", "2026-12-08 18:00")
        away(post.b_holder, "2026-12-08 10:00", "2026-12-08 18:00")
    with time_machine.travel(at("2026-12-08 10:05"), tick=False):
        results = run_together(posts_uncovered_check, posts_uncovered_check, posts_uncovered_morning_check)
    assert [kind for kind, _value in results] == ["ok", "ok", "ok"], results
    assert sum(int(value.split("alerted ")[1].split()[0]) for _kind, value in results) == 4
    assert UncoveredPeriod.objects.filter(resolved_at__isnull=True).count() == 4
    assert Message.objects.filter(kind="post.uncovered", recipient=chief.user).count() == 3
    assert Message.objects.filter(kind="post.uncovered", recipient=supervisor.user).count() == 1
    assert AuditEvent.objects.filter(verb="post.uncovered").count() == 4

    # Both back at 18:00: each period closed once, by whichever worker got there first.
    with time_machine.travel(at("2026-12-08 18:00"), tick=False):
        results = run_together(posts_uncovered_check, posts_uncovered_check)
    assert [kind for kind, _value in results] == ["ok", "ok"], results
    assert UncoveredPeriod.objects.filter(resolved_at__isnull=False).count() == 4
    assert AuditEvent.objects.filter(verb="post.covered_again").count() == 4
    assert Message.objects.filter(kind="post.uncovered").count() == 4


@pytest.mark.django_db(transaction=True)
def test_a_chief_naming_a_cover_while_the_job_runs_leaves_the_post_covered(
    official_calendar, department, chief, make_staff, away
):
    from abpositions.cover import Basis, who_answers
    from abpositions.services_uncovered import post_name_cover

    post = PostFactory(department=department)
    colleague = make_staff(name="同事王五")
    away(post.a_holder, "2026-12-08 09:00", "2026-12-08 18:00")
    away(post.b_holder, "2026-12-08 10:00", "2026-12-08 18:00")
    with time_machine.travel(at("2026-12-08 10:05"), tick=False):
        results = run_together(
            posts_uncovered_check,
            lambda: post_name_cover(actor=chief.user, post=post, cover=colleague),
        )
        assert [kind for kind, _value in results] == ["ok", "ok"], results
        assert who_answers(post).basis == Basis.COVER
        # Alerted or not, depending on who went first; never twice, and closed on the next run.
        assert Message.objects.filter(kind="post.uncovered").count() <= 1
        posts_uncovered_check()
    assert not UncoveredPeriod.objects.filter(resolved_at__isnull=True).exists()
    assert Message.objects.filter(kind="post.cover_named", recipient=colleague.user).count() == 1
