"""The handover jobs: drawn up once for every ended absence of an A holder;
flagged late once, to A, B and the section chief."""

import pytest
import time_machine

from abpositions.models import Handover
from abpositions.services_handovers import handover_hand_over
from audit.models import AuditEvent
from core.jobs import run_job
from messaging.models import Message
from tests.abpositions.conftest import at
from tests.abpositions.handovers.conftest import BACK

pytestmark = pytest.mark.django_db


def test_the_job_draws_up_each_ended_absence_of_an_a_holder_once(trip, a_holder, b_holder, make_staff, away):
    nobody_covers = make_staff(name="无岗位人员")
    away(nobody_covers, "2026-12-07 09:00", "2026-12-07 18:00")
    away(b_holder, "2026-12-07 09:00", "2026-12-07 18:00")  # B away: A still answers, nothing to hand back
    with time_machine.travel(at("2026-12-08 17:59"), tick=False):
        assert run_job("handover_draw_up_due") == "drew up 0 handovers"
    with time_machine.travel(at(BACK), tick=False):
        assert run_job("handover_draw_up_due") == "drew up 1 handovers"
        assert run_job("handover_draw_up_due") == "drew up 0 handovers"
    handover = Handover.objects.get()
    assert (handover.absence, handover.holder, handover.cover) == (trip, a_holder, b_holder)
    assert AuditEvent.objects.filter(verb="handover.draw_up").count() == 1


def test_the_job_drains_many_in_one_run_with_a_bounded_number_of_queries(
    department, away, django_assert_max_num_queries
):
    from tests.factories import PostFactory

    for _ in range(6):
        post = PostFactory(department=department)
        away(post.a_holder, "2026-12-07 09:00", "2026-12-07 18:00")
    with time_machine.travel(at(BACK), tick=False), django_assert_max_num_queries(36):
        run_job("handover_draw_up_due")
    assert Handover.objects.count() == 6


def test_a_handover_not_acknowledged_in_time_is_flagged_once_to_a_b_and_the_chief(
    handover, a_holder, b_holder, chief
):
    with time_machine.travel(at("2026-12-09 10:00"), tick=False):
        handover_hand_over(actor=b_holder.user, handover=handover, remarks="")  # acknowledge by 12-10
    with time_machine.travel(at("2026-12-10 23:00"), tick=False):
        assert run_job("handover_flag_late") == "flagged 0 handovers"
    with time_machine.travel(at("2026-12-11 09:00"), tick=False):
        assert run_job("handover_flag_late") == "flagged 1 handovers"
        assert run_job("handover_flag_late") == "flagged 0 handovers"
    handover.refresh_from_db()
    assert handover.flagged
    told = Message.objects.filter(kind="handover.late")
    assert sorted(told.values_list("recipient__staff__name", flat=True)) == sorted(
        [a_holder.name, b_holder.name, chief.name]
    )
    assert AuditEvent.objects.filter(verb="handover.flag").count() == 1


def test_an_acknowledged_handover_is_never_flagged(handover, a_holder, b_holder):
    from abpositions.services_handovers import handover_acknowledge

    handover_hand_over(actor=b_holder.user, handover=handover, remarks="")
    handover_acknowledge(actor=a_holder.user, handover=handover)
    with time_machine.travel(at("2026-12-31 09:00"), tick=False):
        assert run_job("handover_flag_late") == "flagged 0 handovers"


def test_one_never_handed_over_is_flagged_too_and_supervisors_hear_when_there_is_no_chief(
    handover, supervisor
):
    with time_machine.travel(at("2026-12-10 09:00"), tick=False):
        assert run_job("handover_flag_late") == "flagged 1 handovers"
    assert Message.objects.filter(kind="handover.late", recipient=supervisor.user).exists()
