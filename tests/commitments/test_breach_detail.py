from datetime import timedelta

import pytest
from django.utils import timezone

from commitments.models import BreachOutcome
from commitments.services import (
    MaterialSpec,
    breach_decide,
    breach_record,
    service_item_create,
    service_item_revise,
)

CONTENT = {
    "name": "食品经营许可（新办）",
    "basis": "《食品安全法》第三十五条",
    "statutory_days": 20,
    "committed_days": 10,
    "service_standard": "窗口一次性告知，材料齐全当场受理",
}


@pytest.fixture
def item(administrator, department):
    return service_item_create(
        actor=administrator.user,
        code="SP-001",
        department=department,
        content=CONTENT,
        materials=[MaterialSpec("食品经营许可申请书")],
    )


@pytest.fixture
def breach(supervisor, handler, item):
    return breach_record(
        actor=supervisor.user,
        staff=handler,
        item=item,
        occurred_on=timezone.localdate() - timedelta(days=2),
        promised="承诺10个工作日内办结",
        happened="第12个工作日才办结，未申请延期",
        evidence="办件号 2026-000123",
    )


def url(breach):
    return f"/breaches/{breach.pk}/"


def test_anonymous_is_sent_to_login(client, breach):
    assert client.get(url(breach))["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("role", ["front_desk", "other_chief", "administrator"])
def test_people_who_may_not_see_the_breach_get_404(role, request, login, breach):
    response = login(request.getfixturevalue(role)).get(url(breach))
    assert response.status_code == 404
    assert "第12个工作日才办结" not in response.content.decode()


def test_a_login_without_a_staff_record_sees_no_breach(client, breach):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.create_user("system-account", password="x-2026-not-staff"))
    # Every staff page answers such a login with the same "no staff record" page.
    for response in (
        client.get("/breaches/"),
        client.get(url(breach)),
        client.get(f"{url(breach)}evidence/"),
        client.post(f"{url(breach)}decide/", {"outcome": "dismissed"}),
    ):
        assert response.status_code == 403
        assert "没有工作人员档案" in response.content.decode()
        assert "经办人老张" not in response.content.decode()
    breach.refresh_from_db()
    assert breach.outcome == BreachOutcome.PENDING


@pytest.mark.parametrize("role", ["chief", "supervisor"])
def test_those_who_decide_see_everything_and_the_decision_form(role, request, login, breach):
    page = login(request.getfixturevalue(role)).get(url(breach)).content.decode()
    assert "承诺10个工作日内办结" in page
    assert "第12个工作日才办结，未申请延期" in page
    assert "办件号 2026-000123" in page
    assert f'action="/breaches/{breach.pk}/decide/"' in page
    assert 'class="card history-panel' in page
    assert "breach.record" in page


def test_the_staff_member_may_read_the_breach_recorded_against_them_but_not_decide(login, handler, breach):
    response = login(handler).get(url(breach))
    assert response.status_code == 200
    page = response.content.decode()
    assert "第12个工作日才办结" in page
    assert "/decide/" not in page
    assert "/breaches/new/" not in page  # and no way into the register


def test_the_item_is_shown_as_it_stood_when_the_breach_was_recorded(
    login, supervisor, administrator, item, breach
):
    service_item_revise(
        actor=administrator.user,
        item=item,
        content={**CONTENT, "name": "食品经营许可（新办，告知承诺）", "committed_days": 5},
        materials=[MaterialSpec("食品经营许可申请书")],
    )
    page = login(supervisor).get(url(breach)).content.decode()
    # The record itself, above the history panel (which names the item as it is now).
    record = page.split('class="card history-panel', 1)[0]
    assert "食品经营许可（新办）" in record
    assert "告知承诺" not in record
    assert "窗口一次性告知，材料齐全当场受理" in page
    assert "badge-status-info" in page  # the item has been revised since


def test_a_decided_breach_shows_its_outcome_and_no_form(login, supervisor, chief, breach):
    breach_decide(actor=chief.user, breach=breach, outcome=BreachOutcome.DISMISSED, note="系统故障所致")
    page = login(supervisor).get(url(breach)).content.decode()
    assert "系统故障所致" in page
    assert chief.name in page
    assert "/decide/" not in page


def test_a_breach_with_a_complaint_offers_no_criticism(login, supervisor, handler):
    breach = breach_record(
        actor=supervisor.user,
        staff=handler,
        occurred_on=timezone.localdate(),
        promised="p",
        happened="h",
        complaint_received=True,
    )
    page = login(supervisor).get(url(breach)).content.decode()
    assert 'value="criticism" id="id_outcome_0" disabled' in page


def test_an_unknown_breach_is_404(login, supervisor, db):
    assert login(supervisor).get("/breaches/999999/").status_code == 404
