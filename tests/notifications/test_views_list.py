"""The notices list: the notices the user may see, filters and counts."""

import pytest

from notifications.models import NoticeKind
from notifications.services import Demand, notice_issue, notice_record_visit
from org.roles import Role

URL = "/notices/"


@pytest.fixture
def refused(inquiry, food_item, front_desk, log_inquiry):
    other = log_inquiry(asked=[front_desk], visitor_name="李女士", visitor_phone="13900001111")
    return notice_issue(
        actor=front_desk.user,
        service_item=food_item,
        inquiry=other,
        kind=NoticeKind.NOT_ACCEPTABLE,
        reason="不属于本局职责",
        rule="《某某条例》第三条",
    )


@pytest.fixture
def other_notice(make_item, other_department, other_chief, log_inquiry):
    item = make_item(code="SJ-001", dept=other_department)
    inquiry = log_inquiry(asked=[other_chief], actor=other_chief, service_item=item, visitor_name="赵先生")
    return notice_issue(actor=other_chief.user, service_item=item, inquiry=inquiry, brought_material_ids=[])


def numbers(response):
    return {notice.number for notice in response.context["page"]}


def test_anonymous_is_sent_to_login(client, db):
    assert client.get(URL)["Location"].startswith("/accounts/login/")


def test_an_administrator_may_not_list_notices(login, administrator):
    assert login(administrator).get(URL).status_code == 403


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        ("front_desk", {"notice", "refused", "other_notice"}),  # any window receives the visitor back
        ("handler", {"notice", "refused"}),  # the section's
        ("chief", {"notice", "refused"}),
        ("other_chief", {"other_notice"}),
        ("supervisor", {"notice", "refused", "other_notice"}),
    ],
)
def test_the_list_holds_the_notices_the_user_may_see(
    role, sees, request, login, notice, refused, other_notice
):
    response = login(request.getfixturevalue(role)).get(URL)
    assert response.status_code == 200
    assert numbers(response) == {request.getfixturevalue(name).number for name in sees}


def test_filters_and_counts(login, supervisor, notice, refused, other_notice, chief):
    notice_record_visit(
        actor=chief.user, notice=notice, demanded=[Demand(name="房屋租赁合同")], override_reason="租赁场所"
    )
    client = login(supervisor)
    response = client.get(URL)
    cards = {card["url"]: card["count"] for card in response.context["cards"]}
    notice_record_visit(
        actor=chief.user, notice=notice, demanded=[Demand(name="消防验收意见书")], override_reason="消防要求"
    )
    response = client.get(URL)
    cards = {card["url"]: card["count"] for card in response.context["cards"]}
    # Two failures on one notice: the card counts the notices, as its list shows them.
    assert cards == {"?status=open": 2, "?status=complete": 0, "?kind=not_acceptable": 1, "?failed=true": 1}
    # Each card's link shows what it counts.
    assert numbers(client.get(URL, {"failed": "true"})) == {notice.number}
    assert numbers(client.get(URL, {"status": "open"})) == {notice.number, other_notice.number}
    assert numbers(client.get(URL, {"kind": "not_acceptable"})) == {refused.number}
    assert numbers(client.get(URL, {"number": notice.number[-4:]})) == {notice.number}
    bad = client.get(URL, {"status": "nonsense"})
    assert bad.status_code == 200
    assert "status" in bad.context["filter"].form.errors


def test_the_list_pages_by_ids_first(login, supervisor, notice, refused, other_notice, monkeypatch):
    from core.paginator import IdsFirstPaginator

    monkeypatch.setattr("notifications.views.PAGE_SIZE", 2)
    client = login(supervisor)
    first, second = client.get(URL), client.get(URL, {"page": 2})
    assert isinstance(first.context["page"].paginator, IdsFirstPaginator)
    assert first.context["page"].paginator.count == 3
    assert [n.number for n in first.context["page"]] == [other_notice.number, refused.number]
    assert [n.number for n in second.context["page"]] == [notice.number]
    assert [n.outstanding for n in second.context["page"]] == [2]


def test_the_list_shows_what_is_still_missing(login, front_desk, notice):
    page = login(front_desk).get(URL).content.decode()
    assert f'data-notice="{notice.number}"' in page
    assert 'data-outstanding="2"' in page


def test_the_list_costs_a_bounded_number_of_queries(
    login, supervisor, notice, refused, other_notice, django_assert_max_num_queries
):
    client = login(supervisor)
    # IdsFirstPaginator reads the page's ids, then their rows: one query more than a plain slice.
    with django_assert_max_num_queries(14):
        assert client.get(URL).status_code == 200


def test_the_navigation_offers_the_notices_to_the_desk_and_not_to_the_administrator(
    login, front_desk, administrator, make_staff
):
    assert "/notices/" in login(front_desk).get("/").content.decode()
    assert 'href="/notices/"' not in login(administrator).get("/").content.decode()
    assert "/notices/" in login(make_staff(Role.SUPERVISOR)).get("/").content.decode()
