"""The board's navigation lists the public pages higher apps register (commitments.board_links)."""

import pytest

from commitments import board_links
from commitments.board_links import BoardLink, register_board_link

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry(monkeypatch):
    """An empty registry for the test, put back as the apps left it afterwards."""
    monkeypatch.setattr(board_links, "_links", {})


def nav_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode().split('class="board-nav')[1].split("</nav>")[0]


def test_registered_links_follow_staff_by_their_order_and_the_own_entries_stay(client, registry):
    register_board_link(BoardLink("board:items", "第二个", 20, "star"))
    register_board_link(BoardLink("track:index", "第一个", 10, "flag"))
    nav = nav_of(client, "/board/")
    assert nav.index("/board/staff/") < nav.index("第一个") < nav.index("第二个") < nav.index("/board/rules/")
    assert '<i class="bi bi-flag" aria-hidden="true"></i>第一个' in nav
    for own in ("/board/items/", "/board/staff/", "/board/rules/", "/track/", "/board/rules/#complaints"):
        assert f'href="{own}"' in nav


def test_a_registered_link_is_marked_current_on_its_own_page_only(client, registry):
    register_board_link(BoardLink("board:staff", "登记的页面", 10, "people"))

    def link(nav):
        return nav.split("登记的页面")[0].rsplit("<a", 1)[1]

    assert 'active" href="/board/staff/" aria-current="page"' in link(nav_of(client, "/board/staff/"))
    assert "active" not in link(nav_of(client, "/board/rules/"))
