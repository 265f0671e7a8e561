from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.translation import gettext

from audit.models import AuditEvent
from commitments.models import BreachOutcome
from commitments.services import breach_decide, breach_record


def record(supervisor, staff, **kwargs):
    return breach_record(
        actor=supervisor.user,
        staff=staff,
        occurred_on=timezone.localdate() - timedelta(days=2),
        promised="承诺10个工作日内办结",
        happened="第12个工作日才办结",
        **kwargs,
    )


@pytest.fixture
def breach(supervisor, handler):
    return record(supervisor, handler)


def url(breach):
    return f"/breaches/{breach.pk}/decide/"


def test_get_is_not_allowed(login, chief, breach):
    assert login(chief).get(url(breach)).status_code == 405


def test_anonymous_is_sent_to_login(client, breach):
    response = client.post(url(breach), {"outcome": "criticism"})
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("role", ["chief", "supervisor"])
def test_chief_of_the_section_or_supervisor_decides(role, request, login, breach):
    decider = request.getfixturevalue(role)
    client = login(decider)
    response = client.post(url(breach), {"outcome": "criticism", "note": "已当面批评教育"}, follow=True)
    breach.refresh_from_db()
    assert breach.outcome == BreachOutcome.CRITICISM
    assert breach.outcome_note == "已当面批评教育"
    assert breach.decided_by == decider.user
    assert response.redirect_chain[-1][0] == f"/breaches/{breach.pk}/"
    assert [str(m) for m in response.context["messages"]]
    assert AuditEvent.objects.for_object(breach).filter(verb="breach.decide").count() == 1


@pytest.mark.parametrize("role", ["front_desk", "other_chief", "administrator"])
def test_those_who_may_not_see_the_breach_get_404(role, request, login, breach):
    assert login(request.getfixturevalue(role)).post(url(breach), {"outcome": "dismissed"}).status_code == 404
    breach.refresh_from_db()
    assert breach.outcome == BreachOutcome.PENDING


def test_the_staff_member_cannot_decide_their_own_breach(login, handler, breach):
    assert login(handler).post(url(breach), {"outcome": "dismissed"}).status_code == 403
    breach.refresh_from_db()
    assert breach.outcome == BreachOutcome.PENDING


def test_a_second_decision_is_refused_with_a_clear_message(login, chief, supervisor, breach):
    breach_decide(actor=supervisor.user, breach=breach, outcome=BreachOutcome.ACCOUNTABILITY)
    response = login(chief).post(url(breach), {"outcome": "dismissed"}, follow=True)
    assert response.status_code == 200
    messages = [str(m) for m in response.context["messages"]]
    assert len(messages) == 1
    assert gettext("This breach has been decided already.") in messages[0]
    breach.refresh_from_db()
    assert breach.outcome == BreachOutcome.ACCOUNTABILITY
    assert breach.decided_by == supervisor.user


def test_criticism_is_refused_when_a_complaint_was_received(login, chief, supervisor, handler):
    breach = record(supervisor, handler, complaint_received=True)
    response = login(chief).post(url(breach), {"outcome": "criticism"})
    assert response.status_code == 200
    assert response.context["decision_form"].errors["outcome"]
    breach.refresh_from_db()
    assert breach.outcome == BreachOutcome.PENDING
    assert login(chief).post(url(breach), {"outcome": "accountability"}).status_code == 302
    breach.refresh_from_db()
    assert breach.outcome == BreachOutcome.ACCOUNTABILITY


@pytest.mark.parametrize("outcome", ["", "pending", "king"])
def test_a_missing_or_bad_outcome_is_a_form_error(login, chief, breach, outcome):
    response = login(chief).post(url(breach), {"outcome": outcome})
    assert response.status_code == 200
    assert response.context["decision_form"].errors["outcome"]
    breach.refresh_from_db()
    assert breach.outcome == BreachOutcome.PENDING


def test_a_chief_may_neither_record_nor_decide_a_breach_against_themselves(chief, supervisor):
    from django.core.exceptions import PermissionDenied

    from commitments.services import breach_decide as decide
    from commitments.services import breach_record as record

    with pytest.raises(PermissionDenied):
        record(
            actor=chief.user,
            staff=chief,
            occurred_on=timezone.localdate(),
            promised="当场办结",
            happened="未当场办结",
        )
    breach = record(
        actor=supervisor.user,
        staff=chief,
        occurred_on=timezone.localdate(),
        promised="当场办结",
        happened="拖延",
    )
    with pytest.raises(PermissionDenied):
        decide(actor=chief.user, breach=breach, outcome="dismissed")
