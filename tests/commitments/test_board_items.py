"""The public catalogue (/board/items/): published items only, searchable, filterable."""

import pytest

from commitments.models import MaterialForm
from commitments.services import MaterialSpec, service_item_create, service_item_update_listing
from tests.commitments.fixtures.paging import get_reading_pages_by_id
from tests.factories import catalogue_keeper

URL = "/board/items/"


def make_item(code, department, *, name=None, published=True, **content):
    content = {
        "name": name or f"事项{code}",
        "basis": "《中华人民共和国行政许可法》第四十二条",
        "statutory_days": 20,
        "committed_days": 10,
        **content,
    }
    materials = [
        MaterialSpec("申请书", MaterialForm.ORIGINAL, 1),
        MaterialSpec("营业执照", MaterialForm.COPY, 1),
    ]
    return service_item_create(
        actor=catalogue_keeper(),
        code=code,
        department=department,
        content=content,
        materials=materials,
        published=published,
    )


@pytest.fixture
def catalogue(department, other_department):
    return {
        "food": make_item(
            "XK-001",
            department,
            name="食品经营许可（新办）",
            basis="《中华人民共和国食品安全法》第三十五条",
            statutory_days=20,
            committed_days=10,
        ),
        "shop": make_item(
            "XK-006",
            department,
            name="个体工商户设立登记",
            statutory_days=3,
            committed_days=0,
            basis="《促进个体工商户发展条例》第八条",
        ),
        "complaint": make_item(
            "SJ-001",
            other_department,
            name="消费投诉受理",
            statutory_days=7,
            committed_days=3,
            fees="按件收取 20 元",
        ),
        "hidden": make_item("XK-099", department, name="内部试行事项", published=False),
    }


def page_of(client, params=None, **headers):
    client.cookies["django_language"] = "en"  # the user chose English
    response = client.get(URL, params or {}, **headers)
    assert response.status_code == 200
    return response.content.decode()


def test_anonymous_visitor_sees_the_published_catalogue(client, catalogue):
    page = page_of(client)
    for name in ["食品经营许可（新办）", "个体工商户设立登记", "消费投诉受理"]:
        assert name in page
    assert "XK-001" in page
    assert 'href="/board/items/XK-001/"' in page
    assert "3 results" in page


def test_an_unpublished_item_is_never_listed(client, catalogue, department):
    assert "内部试行事项" not in page_of(client)
    assert "内部试行事项" not in page_of(client, {"search": "内部试行"})
    assert "0 results" in page_of(client, {"search": "XK-099"})


def test_taking_an_item_off_the_board_hides_it(client, catalogue, administrator):
    service_item_update_listing(actor=administrator.user, item=catalogue["food"], published=False)
    page = page_of(client)
    assert "食品经营许可（新办）" not in page
    assert "2 results" in page


def test_logged_in_staff_see_the_same_catalogue(login, handler, catalogue):
    page = page_of(login(handler))
    assert "食品经营许可（新办）" in page
    assert "内部试行事项" not in page


def test_each_row_shows_committed_and_statutory_limits_and_fees(client, catalogue):
    page = page_of(client)
    assert "10 working days" in page and "20 working days" in page
    assert "faster than the law" in page
    assert "Handled on the spot" in page
    assert "按件收取 20 元" in page
    assert "Free of charge" in page


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("食品经营", {"食品经营许可（新办）"}),
        ("xk-006", {"个体工商户设立登记"}),
        ("食品安全法", {"食品经营许可（新办）"}),
        ("没有这个事项", set()),
    ],
)
def test_search_by_name_code_or_basis(client, catalogue, search, expected):
    page = page_of(client, {"search": search})
    shown = {name for name in ["食品经营许可（新办）", "个体工商户设立登记", "消费投诉受理"] if name in page}
    assert shown == expected


def test_a_search_with_no_match_says_so_and_offers_the_whole_catalogue(client, catalogue):
    page = page_of(client, {"search": "没有这个事项"})
    assert "No service item matches your search" in page
    assert "0 results" in page


def test_filter_by_department(client, catalogue, other_department):
    page = page_of(client, {"department": other_department.pk})
    assert "消费投诉受理" in page
    assert "食品经营许可（新办）" not in page
    page = page_of(client, {"department": other_department.pk, "search": "食品"})
    assert "0 results" in page


@pytest.mark.parametrize(
    "params", [{"department": "abc"}, {"department": "99999"}, {"page": "abc"}, {"page": "999"}]
)
def test_bad_filters_and_pages_give_a_page_not_an_error(client, catalogue, params):
    page = page_of(client, params)
    assert "食品经营许可（新办）" in page or "消费投诉受理" in page


def test_a_long_catalogue_is_paginated(client, department):
    for number in range(25):
        make_item(f"P-{number:03d}", department)
    first = page_of(client)
    assert "25 results" in first
    assert "Page 1 of 2" in first
    assert "P-019" in first and "P-020" not in first
    client.cookies["django_language"] = "en"
    second = get_reading_pages_by_id(client, URL, {"page": 2})
    assert [item.code for item in second.context["page"]] == [f"P-{n:03d}" for n in range(20, 25)]


def test_the_list_costs_a_constant_number_of_queries(client, department, django_assert_max_num_queries):
    for number in range(30):
        make_item(f"Q-{number:03d}", department)
    with django_assert_max_num_queries(5):
        client.get(URL, {"search": "事项"})


def test_an_empty_catalogue_shows_an_empty_state(client, db):
    assert "No service items are published yet" in page_of(client)
