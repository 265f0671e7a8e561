"""The public board's 今日在岗 (/board/today/): who serves at each window post now, and nothing personal.

A public page of the board: no login, no roles and no section to refuse, no
state to change; what it must refuse is a write and a personal detail.
"""

import pytest
import time_machine
from django.utils import translation

from abpositions.models import AbsenceKind
from commitments.services import MaterialSpec, service_item_create
from org.roles import Role
from tests.abpositions.conftest import at
from tests.factories import PostFactory, catalogue_keeper

pytestmark = pytest.mark.django_db
URL = "/board/today/"


@pytest.fixture(autouse=True)
def monday_morning():
    with time_machine.travel(at("2026-12-07 10:00"), tick=False):
        yield


def make_item(code, post, *, name=None, published=True):
    return service_item_create(
        actor=catalogue_keeper(),
        code=code,
        department=post.department,
        content={"name": name or f"事项{code}", "basis": "依据", "committed_days": 5},
        materials=[MaterialSpec("申请书")],
        published=published,
        post=post,
    )


@pytest.fixture
def window(department, post):
    department.public_phone = "0571-8800-1002"
    department.save(update_fields=["public_phone"])
    make_item("XK-001", post, name="食品经营许可（新办）")
    make_item("XK-002", post, name="食品经营许可（变更）")
    return post


def page_of(client, language="zh-hans"):
    client.cookies["django_language"] = language
    response = client.get(URL)
    assert response.status_code == 200
    return response.content.decode()


def row_of(html, post_name):
    start = html.index(f'data-post="{post_name}"')
    return html[start : html.index("</tr>", start)]


def count_of(html, testid):
    return html.split(f'data-testid="count-{testid}"')[1].split('class="stat-value">')[1].split("<")[0]


def test_a_visitor_sees_the_a_holder_on_duty_and_the_items_the_post_handles(client, window):
    html = page_of(client)
    assert "行政审批科" in html and "0571-8800-1002" in html
    row = row_of(html, "许可审查岗")
    assert "在岗" in row and "A岗张三" in row
    assert '<a class="board-post" href="/board/items/XK-001/">食品经营许可（新办）</a>' in row
    assert 'href="/board/items/XK-002/"' in row
    assert count_of(html, "window-posts") == "1"
    assert count_of(html, "covered-by-b") == "0"


def test_while_a_is_away_b_is_named_as_covering_and_counted(client, window, away, a_holder):
    away(a_holder, "2026-12-07 09:00", "2026-12-09 17:30")
    html = page_of(client)
    row = row_of(html, "许可审查岗")
    assert "A岗不在岗，由B岗B岗李四代岗" in row
    assert "A岗张三" not in row
    assert count_of(html, "covered-by-b") == "1"
    assert count_of(html, "unattended") == "0"


def test_in_english_the_cover_reads_in_english(client, window, away, a_holder):
    away(a_holder, "2026-12-07 09:00", "2026-12-09 17:30")
    row = row_of(page_of(client, "en"), "许可审查岗")
    assert "A is away; B holder B岗李四 covers" in row


def test_a_post_nobody_serves_is_red_with_the_sections_phone(client, window, away, a_holder, b_holder):
    away(a_holder, "2026-12-07 09:00", "2026-12-09 17:30")
    away(b_holder, "2026-12-07 08:00", "2026-12-07 18:00")
    html = page_of(client)
    assert 'class="table-danger" data-unattended="1" data-post="许可审查岗"' in html
    row = row_of(html, "许可审查岗")
    assert 'class="text-danger fw-semibold"' in row
    assert "暂无人值守，请联系科室电话 0571-8800-1002" in row
    assert count_of(html, "unattended") == "1"


def test_a_named_cover_or_the_section_chief_is_named(
    client, window, away, a_holder, b_holder, chief, handler
):
    away(a_holder, "2026-12-07 09:00", "2026-12-09 17:30")
    b_trip = away(b_holder, "2026-12-07 08:00", "2026-12-07 18:00")
    assert "由科室负责人科长李红代岗" in row_of(page_of(client), "许可审查岗")
    b_trip.cover = handler
    b_trip.save(update_fields=["cover"])
    assert "A、B岗均不在岗，由经办人老张代岗" in row_of(page_of(client), "许可审查岗")


def test_someone_the_staff_board_does_not_show_is_not_named(client, window, away, a_holder, b_holder):
    b_holder.shown_on_board = False
    b_holder.save(update_fields=["shown_on_board"])
    away(a_holder, "2026-12-07 09:00", "2026-12-09 17:30")
    row = row_of(page_of(client), "许可审查岗")
    assert "A岗不在岗，由B岗代岗" in row
    assert "B岗李四" not in row


def test_a_post_without_a_published_item_is_not_a_window_post(client, window, department, make_staff):
    drafting = PostFactory(department=department, name="内勤岗", a_holder=make_staff(), b_holder=make_staff())
    make_item("NQ-001", drafting, published=False)
    PostFactory(department=department, name="档案岗", a_holder=make_staff(), b_holder=make_staff())
    html = page_of(client)
    assert "内勤岗" not in html and "档案岗" not in html and "NQ-001" not in html
    assert count_of(html, "window-posts") == "1"


def test_nothing_about_the_absence_reaches_the_public(client, window, away, a_holder):
    away(a_holder, "2026-12-07 09:00", "2026-12-09 17:30", kind=AbsenceKind.LEAVE, note="家中老人住院")
    html = page_of(client)
    with translation.override("zh-hans"):
        kind = str(AbsenceKind.LEAVE.label)
    for private in ("13800000000", kind, "家中老人住院", "12-09", "17:30"):
        assert private not in html, private


def test_the_board_names_the_page_and_marks_it_current(client, window):
    board = page_of(client).split('class="board-nav')[1].split("</nav>")[0]
    assert 'class="nav-link active" href="/board/today/" aria-current="page"' in board
    assert "今日在岗" in board


def test_no_window_post_yet_says_so(client):
    assert "暂无窗口岗位" in page_of(client)


def test_a_write_is_refused(client, window):
    assert client.post(URL).status_code == 405


def test_logged_in_staff_see_the_same_page(login, window, make_staff):
    html = page_of(login(make_staff(Role.HANDLER, name="路过的同事")))
    assert "A岗张三" in row_of(html, "许可审查岗")


def test_the_query_count_does_not_grow_with_the_posts(
    client, window, away, chief, make_staff, other_department, django_assert_max_num_queries
):
    def add_posts(first, last):
        for n in range(first, last):
            department = other_department if n % 2 else window.department
            a, b = make_staff(department=department), make_staff(department=department)
            post = PostFactory(department=department, name=f"窗口{n}", a_holder=a, b_holder=b)
            make_item(f"W-{n}", post)
            make_item(f"W-{n}-2", post)
            away(a, "2026-12-07 09:00", "2026-12-08 18:00")
            if n % 3 == 0:
                away(b, "2026-12-07 09:00", "2026-12-08 18:00")

    add_posts(0, 1)
    with django_assert_max_num_queries(5):
        page_of(client)
    add_posts(1, 14)
    with django_assert_max_num_queries(5):
        html = page_of(client)
    assert count_of(html, "window-posts") == "15"
    assert count_of(html, "covered-by-b") == "9"


def test_every_board_page_links_to_it(client):
    for url in ("/board/", "/board/items/", "/board/staff/"):
        nav = client.get(url).content.decode().split('class="board-nav')[1].split("</nav>")[0]
        assert 'href="/board/today/"' in nav and "今日在岗" in nav
