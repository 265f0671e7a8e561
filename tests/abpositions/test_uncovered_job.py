"""Item 5: never an uncovered post. The job alerts the section chief once per
period with both holders away and nobody named, and closes it once covered."""

import pytest
import time_machine
from django.utils.timezone import localtime

from abpositions.jobs_uncovered import posts_uncovered_check, posts_uncovered_morning_check
from abpositions.models import UncoveredPeriod
from abpositions.services_uncovered import post_name_cover
from audit.models import AuditEvent
from core.jobs import registry
from messaging.models import Message
from tests.abpositions.conftest import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def both_away(post, a_holder, b_holder, away):
    """A on a trip from Monday 09:00 to Wednesday 18:00; B on leave Tuesday 13:30 to 17:00."""
    b_leave = away(b_holder, "2026-12-08 13:30", "2026-12-08 17:00")
    b_leave.contact = "13911112222"
    b_leave.save(update_fields=["contact"])
    return away(a_holder, "2026-12-07 09:00", "2026-12-09 18:00"), b_leave


def run_at(moment):
    with time_machine.travel(at(moment), tick=False):
        return posts_uncovered_check()


def alerts():
    return Message.objects.filter(kind="post.uncovered")


def test_the_chief_is_alerted_once_per_period_however_often_the_job_runs(post, chief, both_away):
    assert run_at("2026-12-08 13:29") == "0 posts uncovered: alerted 0 new, closed 0 covered again"
    assert run_at("2026-12-08 13:30") == "1 posts uncovered: alerted 1 new, closed 0 covered again"
    run_at("2026-12-08 14:30")
    run_at("2026-12-08 15:30")
    (message,) = alerts()
    assert message.recipient == chief.user
    assert message.link == f"/posts/cover/{post.pk}/"
    assert "许可审查岗" in message.subject
    assert "13911112222" in message.body  # where B can be reached
    (period,) = UncoveredPeriod.objects.all()
    # From the moment the second holder left, to the minute.
    assert (period.post, localtime(period.since)) == (post, at("2026-12-08 13:30"))
    assert period.resolved_at is None
    (event,) = AuditEvent.objects.for_object(post).filter(verb="post.uncovered")
    assert event.after["alerted"] == ["科长李红"]


def test_when_b_is_back_the_period_closes_and_a_second_absence_is_a_second_alert(
    post, chief, b_holder, both_away, away
):
    run_at("2026-12-08 14:00")
    assert run_at("2026-12-08 17:00") == "0 posts uncovered: alerted 0 new, closed 1 covered again"
    period = UncoveredPeriod.objects.get()
    assert localtime(period.resolved_at) == at("2026-12-08 17:00")
    assert AuditEvent.objects.for_object(post).filter(verb="post.covered_again").count() == 1
    assert run_at("2026-12-08 18:00").endswith("closed 0 covered again")
    away(b_holder, "2026-12-09 09:00", "2026-12-09 12:00")
    run_at("2026-12-09 10:00")
    assert alerts().count() == 2
    assert UncoveredPeriod.objects.filter(resolved_at__isnull=True).count() == 1


def test_a_section_with_no_chief_alerts_the_supervisors(post, supervisor, both_away):
    run_at("2026-12-08 14:00")
    assert [message.recipient for message in alerts()] == [supervisor.user]


def test_every_chief_of_the_section_is_alerted_and_no_other(post, chief, other_chief, make_staff, both_away):
    from org.roles import Role

    deputy = make_staff(Role.SECTION_CHIEF, name="副科长", rank=5)
    run_at("2026-12-08 14:00")
    assert {message.recipient for message in alerts()} == {chief.user, deputy.user}


def test_a_cover_named_before_the_job_runs_means_no_alert(post, chief, make_staff, both_away):
    colleague = make_staff(name="同事王五")
    with time_machine.travel(at("2026-12-08 13:40"), tick=False):
        post_name_cover(actor=chief.user, post=post, cover=colleague)
    run_at("2026-12-08 14:00")
    assert not alerts().exists()
    assert not UncoveredPeriod.objects.exists()


def test_naming_a_cover_after_the_alert_closes_the_period_on_the_next_run(post, chief, make_staff, both_away):
    colleague = make_staff(name="同事王五")
    run_at("2026-12-08 14:00")
    with time_machine.travel(at("2026-12-08 14:10"), tick=False):
        post_name_cover(actor=chief.user, post=post, cover=colleague)
    assert run_at("2026-12-08 15:00").endswith("closed 1 covered again")
    assert alerts().count() == 1


@pytest.mark.parametrize("count", [2, 12])
def test_the_job_reads_every_post_in_a_fixed_number_of_queries(
    count, department, chief, make_staff, away, django_assert_max_num_queries
):
    from tests.factories import PostFactory

    for _ in range(count):
        post = PostFactory(department=department)
        away(post.a_holder, "2026-12-08 09:00", "2026-12-08 18:00")
        away(post.b_holder, "2026-12-08 10:00", "2026-12-08 18:00")
    with django_assert_max_num_queries(16):
        assert run_at("2026-12-08 11:00").startswith(f"{count} posts uncovered: alerted {count} new")
    assert alerts().count() == count


def test_the_job_runs_hourly_and_each_working_morning(post, chief, both_away):
    assert registry.get("posts_uncovered_check").schedule.total_seconds() == 3600
    morning = registry.get("posts_uncovered_morning_check").schedule
    assert (morning.hour, morning.minute) == ({8}, {0})
    with time_machine.travel(at("2026-12-06 08:00"), tick=False):  # a Sunday
        assert posts_uncovered_morning_check() == "not a working day"
    with time_machine.travel(at("2026-12-08 08:00"), tick=False):
        assert posts_uncovered_morning_check().startswith("0 posts uncovered")


def test_a_chief_with_a_mobile_entered_gets_an_sms_too_once(post, chief, make_staff, both_away):
    from messaging.models import Channel
    from org.roles import Role

    chief.mobile = "13900001111"
    chief.save(update_fields=["mobile"])
    deputy = make_staff(Role.SECTION_CHIEF, name="副科长", rank=5)  # no mobile: the inbox only
    run_at("2026-12-08 14:00")
    run_at("2026-12-08 15:00")
    (sms,) = Message.objects.filter(channel=Channel.SMS)
    assert (sms.address, sms.recipient, sms.kind) == ("13900001111", chief.user, "post.uncovered.sms")
    assert "许可审查岗" in sms.body
    assert {message.recipient for message in alerts()} == {chief.user, deputy.user}
