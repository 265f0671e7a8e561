from datetime import timedelta

import pytest
from django.utils import timezone

from commitments.models import BreachOutcome
from commitments.services import MaterialSpec, breach_decide, breach_record, service_item_create
from org.roles import Role
from tests.commitments.fixtures.paging import get_reading_pages_by_id

URL = "/breaches/"


def days_ago(n: int):
    return timezone.localdate() - timedelta(days=n)


@pytest.fixture
def item(administrator, department):
    return service_item_create(
        actor=administrator.user,
        code="SP-001",
        department=department,
        content={"name": "食品经营许可（新办）", "basis": "《食品安全法》第三十五条", "committed_days": 10},
        materials=[MaterialSpec("食品经营许可申请书")],
    )


@pytest.fixture
def other_handler(make_staff, other_department):
    return make_staff(Role.HANDLER, department=other_department, name="经办人小刘")


def record(supervisor, staff, *, ago=3, happened="超过承诺时限两个工作日才办结", **kwargs):
    return breach_record(
        actor=supervisor.user,
        staff=staff,
        occurred_on=days_ago(ago),
        promised="承诺10个工作日内办结",
        happened=happened,
        **kwargs,
    )


@pytest.fixture
def breaches(supervisor, handler, other_handler, item):
    """One breach in each section: the handler's (with the item) and the other section's."""
    return {
        "own": record(supervisor, handler, item=item, happened="窗口无故离岗四十分钟"),
        "other": record(supervisor, other_handler, happened="未一次性告知所需材料", ago=40),
    }


def test_anonymous_is_sent_to_login(client, db):
    assert client.get(URL)["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("role", ["front_desk", "handler", "administrator"])
def test_roles_without_the_register_are_refused(role, request, login, breaches):
    assert login(request.getfixturevalue(role)).get(URL).status_code == 403


def test_supervisor_sees_every_section(login, supervisor, breaches):
    page = login(supervisor).get(URL).content.decode()
    assert "窗口无故离岗四十分钟" in page
    assert "未一次性告知所需材料" in page


def test_section_chief_sees_only_their_own_section(login, chief, breaches):
    page = login(chief).get(URL).content.decode()
    assert "窗口无故离岗四十分钟" in page
    assert "未一次性告知所需材料" not in page


def test_chief_of_another_section_sees_theirs_not_ours(login, other_chief, breaches):
    page = login(other_chief).get(URL).content.decode()
    assert "未一次性告知所需材料" in page
    assert "窗口无故离岗四十分钟" not in page


def test_rows_show_date_staff_section_item_and_outcome(login, supervisor, breaches, handler):
    page = login(supervisor).get(URL).content.decode()
    # The filter bar names the same staff, sections and items: read the table only.
    rows = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0].split("<tr>")[1:]
    own = next(row for row in rows if "窗口无故离岗四十分钟" in row)
    assert days_ago(3).isoformat() in own
    assert handler.name in own
    assert "行政审批科" in own
    assert "SP-001" in own and "食品经营许可（新办）" in own
    assert "badge-status-warn" in own  # awaiting a decision
    other = next(row for row in rows if "未一次性告知所需材料" in row)
    assert "经办人小刘" in other and "市场监管科" in other
    assert "食品经营许可（新办）" not in other


def test_long_accounts_are_truncated_in_the_table(login, supervisor, handler):
    record(supervisor, handler, happened="办" * 200)
    page = login(supervisor).get(URL).content.decode()
    assert "办" * 50 in page
    assert "办" * 61 not in page


def test_counts_per_outcome_are_shown_and_keep_counting_when_one_outcome_is_picked(
    login, supervisor, handler, breaches
):
    breach_decide(actor=supervisor.user, breach=breaches["own"], outcome=BreachOutcome.CRITICISM)
    record(supervisor, handler, happened="第三件")
    client = login(supervisor)
    cards = {card["value"]: card["count"] for card in client.get(URL).context["cards"]}
    assert cards == {"pending": 2, "criticism": 1, "accountability": 0, "dismissed": 0}
    response = client.get(URL, {"outcome": "criticism"})
    assert [b.happened for b in response.context["page"]] == ["窗口无故离岗四十分钟"]
    cards = {card["value"]: card["count"] for card in response.context["cards"]}
    assert cards["pending"] == 2


def test_each_card_filters_the_list_by_its_outcome_keeping_the_other_filters(
    login, supervisor, department, breaches
):
    client = login(supervisor)
    response = client.get(URL, {"department": department.pk, "page": 1})
    urls = {card["value"]: card["url"] for card in response.context["cards"]}
    assert urls["pending"] == f"/breaches/?department={department.pk}&outcome=pending"
    assert f'href="/breaches/?department={department.pk}&amp;outcome=pending"' in response.content.decode()
    # The picked card shows every outcome again; the others switch to theirs.
    response = client.get(URL, {"department": department.pk, "outcome": "pending"})
    urls = {card["value"]: card["url"] for card in response.context["cards"]}
    assert urls["pending"] == f"/breaches/?department={department.pk}"
    assert urls["dismissed"] == f"/breaches/?department={department.pk}&outcome=dismissed"


def test_counts_follow_the_other_filters(login, supervisor, breaches, other_department):
    response = login(supervisor).get(URL, {"department": other_department.pk})
    cards = {card["value"]: card["count"] for card in response.context["cards"]}
    assert cards["pending"] == 1


def test_filters_by_department_staff_item_dates_and_complaint(
    login, supervisor, handler, other_handler, item, department, breaches
):
    record(supervisor, handler, happened="群众投诉态度生硬", complaint_received=True, ago=10)
    client = login(supervisor)

    def shown(**params):
        return sorted(b.happened for b in client.get(URL, params).context["page"])

    assert shown(department=department.pk) == ["窗口无故离岗四十分钟", "群众投诉态度生硬"]
    assert shown(staff=other_handler.pk) == ["未一次性告知所需材料"]
    assert shown(item=item.pk) == ["窗口无故离岗四十分钟"]
    assert shown(complaint_received="true") == ["群众投诉态度生硬"]
    assert shown(complaint_received="false") == ["未一次性告知所需材料", "窗口无故离岗四十分钟"]
    assert shown(occurred_from=days_ago(11).isoformat(), occurred_to=days_ago(5).isoformat()) == [
        "群众投诉态度生硬"
    ]
    assert shown(occurred_to=days_ago(30).isoformat()) == ["未一次性告知所需材料"]


def test_a_chief_is_offered_only_their_own_sections_staff_and_no_department_filter(
    login, chief, handler, other_handler, breaches
):
    form = login(chief).get(URL).context["filter"].form
    assert "department" not in form.fields
    staff = list(form.fields["staff"].queryset)
    assert handler in staff
    assert other_handler not in staff


def test_a_chief_asking_for_another_sections_staff_gets_nothing_of_theirs(
    login, chief, other_handler, breaches
):
    response = login(chief).get(URL, {"staff": other_handler.pk})
    assert response.status_code == 200
    assert "未一次性告知所需材料" not in response.content.decode()


def test_bad_filter_values_are_not_a_500(login, supervisor, breaches):
    response = login(supervisor).get(
        URL,
        {
            "department": "x",
            "staff": "99999",
            "outcome": "king",
            "occurred_from": "2026-13-45",
            "page": "abc",
        },
    )
    assert response.status_code == 200


def test_an_empty_register_says_so_and_offers_to_record(login, supervisor):
    page = login(supervisor).get(URL).content.decode()
    assert 'class="empty-state' in page
    assert "/breaches/new/" in page


def test_the_list_is_paginated(login, supervisor, handler):
    for n in range(35):
        record(supervisor, handler, happened=f"事件{n}")
    client = login(supervisor)
    first = client.get(URL)
    assert len(first.context["page"]) == 30
    second = get_reading_pages_by_id(client, URL, {"page": 2})
    assert len(second.context["page"]) == 5
    assert not {b.pk for b in first.context["page"]} & {b.pk for b in second.context["page"]}


def test_list_uses_a_constant_number_of_queries(
    login, supervisor, handler, other_handler, item, django_assert_max_num_queries
):
    for n in range(25):
        record(supervisor, handler if n % 2 else other_handler, item=item if n % 3 else None, happened=f"{n}")
    client = login(supervisor)
    with django_assert_max_num_queries(16):  # the page's ids, then only those rows (IdsFirstPaginator)
        response = client.get(URL, {"department": handler.department_id, "outcome": "pending"})
    assert response.status_code == 200
    assert len(response.context["page"]) == 12
