"""Rule 4: a case that reaches B because B answers for A, away, is received
for A (``Case.cover_for``): while A is away, what B does on it is recorded as
done for A, B's list marks it 代岗, and A's handover lists it on return, even
if nobody has acted on it yet ("受理A岗一般性事务工作").
"""

import pytest
import time_machine
from django.utils import translation

from abpositions.models import Handover
from abpositions.selectors_handovers import RECEIVED, matters_of
from abpositions.services_absences import absence_end
from audit.models import AuditEvent
from deadlines.services import case_complete, case_open, case_start
from tests.abpositions.conftest import at, away  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(make_item, post):
    item = make_item()  # 10 working days
    item.post = post
    item.save(update_fields=["post"])
    return item


@pytest.fixture
def trip(a_holder, away):  # noqa: F811
    return away(a_holder, "2026-12-07 09:00", "2026-12-09 18:00")


def on(moment):
    return time_machine.travel(at(moment), tick=False)


def received(moment, actor, item, **kwargs):
    with on(moment):
        return case_open(actor=actor.user, service_item=item, applicant_name="王先生", **kwargs)


def test_a_case_routed_to_b_is_received_for_a_and_recorded_so(front_desk, item, trip, a_holder, b_holder):
    case = received("2026-12-08 10:00", front_desk, item)
    assert (case.handler, case.cover_for) == (b_holder, a_holder)
    opened = AuditEvent.objects.get(verb="case.open", subject_id=str(case.pk))
    assert opened.after["cover_for"]["label"] == a_holder.name


def test_b_receiving_it_themselves_while_a_is_away_receives_it_for_a(item, trip, a_holder, b_holder):
    assert received("2026-12-08 10:00", b_holder, item).cover_for == a_holder


def test_nothing_is_received_for_anyone_while_a_is_at_work_or_when_a_receives_it(
    front_desk, item, trip, a_holder, b_holder, handler
):
    assert received("2026-12-10 10:00", front_desk, item).cover_for is None
    assert received("2026-12-08 10:00", a_holder, item).cover_for is None
    # A handler named who does not answer for the post receives it as their own.
    assert received("2026-12-08 10:00", front_desk, item, handler=handler).cover_for is None


def test_what_b_does_on_it_is_for_a_while_a_is_away_and_bs_own_after(
    front_desk, item, trip, a_holder, b_holder
):
    case = received("2026-12-08 10:00", front_desk, item)
    with on("2026-12-08 11:00"):
        case_start(actor=b_holder.user, case=case)
    with on("2026-12-10 09:00"):
        case_complete(actor=b_holder.user, case=case)
    started, completed = (AuditEvent.objects.get(verb=verb) for verb in ("case.start", "case.complete"))
    assert (started.actor, started.acting_for) == (b_holder.user, a_holder.user)
    assert (completed.actor, completed.acting_for) == (b_holder.user, None)


def test_bs_list_marks_it_covering_for_a_only_while_a_is_away(
    login, front_desk, item, trip, a_holder, b_holder
):
    case = received("2026-12-08 10:00", front_desk, item)
    with on("2026-12-08 11:00"), translation.override("zh-hans"):
        page = login(b_holder).get("/cases/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
        row = page[page.index(f'data-case="{case.number}"') :][:800]
        assert "代岗（代A岗张三）" in row
        detail = login(b_holder).get(f"/cases/{case.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
        assert 'data-testid="covering"' in detail
    with on("2026-12-10 09:00"):
        page = login(b_holder).get("/cases/").content.decode()
        assert case.number in page
        assert 'data-testid="covering"' not in page


def test_the_handover_lists_the_cases_received_for_a_acted_on_or_not(
    front_desk, item, trip, a_holder, b_holder, django_assert_max_num_queries
):
    untouched = received("2026-12-08 10:00", front_desk, item)
    done = received("2026-12-08 10:30", front_desk, item)
    with on("2026-12-08 11:00"):
        case_complete(actor=b_holder.user, case=done)
    received("2026-12-10 10:00", front_desk, item)  # after A was back: not A's handover
    with on("2026-12-09 12:00"):
        absence_end(actor=a_holder.user, absence=trip)
    handover = Handover.objects.select_related("holder", "absence").get(absence=trip)
    with django_assert_max_num_queries(4):
        matters = matters_of([handover])[handover.pk]
    assert [matter.number for matter in matters] == [untouched.number, done.number]
    assert [(event.verb, event.actor) for event in matters[0].events] == [(RECEIVED, b_holder.name)]
    assert [event.verb for event in matters[1].events] == [RECEIVED, "case.complete"]
    assert matters[1].url == f"/cases/{done.pk}/"
