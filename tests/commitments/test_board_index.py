"""The board's front page (/board/): open to everyone, a way in to the catalogue."""

import pytest

from commitments.models import BoardText
from commitments.services import MaterialSpec, service_item_create
from tests.factories import catalogue_keeper

URL = "/board/"


def make_item(code, department, *, committed_days=10, statutory_days=20, published=True):
    return service_item_create(
        actor=catalogue_keeper(),
        code=code,
        department=department,
        content={
            "name": f"事项{code}",
            "basis": "依据",
            "committed_days": committed_days,
            "statutory_days": statutory_days,
        },
        materials=[MaterialSpec("申请书")],
        published=published,
    )


@pytest.fixture
def board(department, other_department):
    make_item("A-1", department, committed_days=0)
    make_item("A-2", department, committed_days=10)
    make_item("A-3", department, committed_days=20)
    make_item("B-1", other_department, committed_days=0, statutory_days=None)
    make_item("X-1", other_department, published=False)
    BoardText.objects.create(
        kind=BoardText.Kind.PROMISES, title="服务承诺", body="材料齐全的当场受理。", order=2
    )
    BoardText.objects.create(
        kind=BoardText.Kind.COMPLAINTS, title="投诉方式", body="效能投诉电话 8800", order=4
    )


def page_of(client):
    client.cookies["django_language"] = "en"  # the user chose English
    response = client.get(URL)
    assert response.status_code == 200
    return response.content.decode()


def _stat(page, label):
    return page.split(label)[1].split('class="stat-value">')[1].split("<")[0]


def test_anonymous_visitor_gets_the_overview_without_logging_in(client, board):
    page = page_of(client)
    assert _stat(page, "Service items published") == "4"
    assert _stat(page, "Handled on the spot") == "2"
    assert _stat(page, "Faster than the law requires") == "2"  # A-3 takes all 20 days


def test_counts_items_per_section_leaving_out_unpublished_ones(client, board, department, other_department):
    page = page_of(client)
    approval = page.split(f"?department={department.pk}")[1]
    market = page.split(f"?department={other_department.pk}")[1]
    assert '<span class="board-count" aria-hidden="true">3</span>' in approval
    assert "行政审批科" in approval
    assert '<span class="board-count" aria-hidden="true">1</span>' in market
    assert "市场监管科" in market


def test_shows_the_commitment_headlines_and_a_search_box(client, board):
    page = page_of(client)
    assert 'href="/board/rules/#promises"' in page and "服务承诺" in page
    assert "材料齐全的当场受理。" in page
    assert 'action="/board/items/"' in page and 'name="search"' in page


def test_anonymous_visitor_sees_the_board_navigation_but_no_staff_menu(client, board):
    page = page_of(client)
    for url in ["/board/items/", "/board/staff/", "/board/rules/", "/board/rules/#complaints"]:
        assert f'href="{url}"' in page
    assert "Log out" not in page
    assert 'data-testid="user-menu"' not in page


def test_logged_in_staff_see_it_with_their_own_navigation(login, handler, board):
    page = page_of(login(handler))
    assert "Log out" in page
    assert 'href="/board/items/"' in page


def test_a_bureau_with_nothing_published_gets_friendly_empty_states(client, db):
    page = page_of(client)
    assert "No service items are published yet" in page
    assert "The bureau has not published its commitments yet" in page


def test_the_overview_costs_a_constant_number_of_queries(
    client, board, department, django_assert_max_num_queries
):
    for number in range(20):
        make_item(f"M-{number}", department)
    with django_assert_max_num_queries(3):
        client.get(URL)


def test_the_tracking_page_is_linked_and_marked_as_the_current_tab(client, db):
    client.cookies["django_language"] = "en"
    page = client.get("/track/").content.decode()
    assert 'href="/track/" aria-current="page"' in page
    assert 'class="nav-link active" href="/board/"' not in page
    assert 'class="nav-link active" href="/track/"' in page
