"""The section's post board (岗位去向牌) at /posts/."""

import pytest
import time_machine

from org.roles import Role
from tests.abpositions.conftest import at
from tests.factories import PostFactory

pytestmark = pytest.mark.django_db
BOARD = "/posts/"


@pytest.fixture(autouse=True)
def monday_morning():
    with time_machine.travel(at("2026-12-07 10:00"), tick=False):
        yield


def row_of(html, post_name):
    start = html.index(f'data-post="{post_name}"')
    return html[start : html.index("</tr>", start)]


def test_who_is_away_until_when_reachable_at_and_who_answers(login, away, a_holder, b_holder, post):
    away(a_holder, "2026-12-07 09:00", "2026-12-08 18:00")
    response = login(b_holder).get(BOARD, HTTP_ACCEPT_LANGUAGE="zh-hans")
    html = response.content.decode()
    row = row_of(html, "许可审查岗")
    assert "A岗张三" in row and "12-08 18:00" in row and "13800000000" in row
    assert "B岗代岗" in row and "table-danger" not in row
    board = response.context["board"]
    assert (board.covered_by_b, board.uncovered) == (1, 0)


def test_an_uncovered_post_is_red_and_counted(login, away, a_holder, b_holder, chief, post):
    away(a_holder, "2026-12-07 09:00", "2026-12-08 18:00")
    away(b_holder, "2026-12-07 09:00", "2026-12-07 18:00")
    response = login(chief).get(BOARD)
    html = response.content.decode()
    assert 'class="table-danger" data-uncovered="1" data-post="许可审查岗"' in html
    assert chief.name in row_of(html, "许可审查岗")
    assert response.context["board"].uncovered == 1


def test_a_supervisor_of_another_section_picks_the_section_and_sees_no_contact(
    login, away, a_holder, post, make_staff, other_department
):
    watcher = make_staff(Role.SUPERVISOR, department=other_department, name="督查员")
    away(a_holder, "2026-12-07 09:00", "2026-12-08 18:00")
    response = login(watcher).get(BOARD, {"department": post.department_id})
    row = row_of(response.content.decode(), "许可审查岗")
    assert "A岗张三" in row and "12-08 18:00" in row
    assert "13800000000" not in row


def test_staff_see_their_own_section_only(login, a_holder, other_chief, post):
    assert login(other_chief).get(BOARD, {"department": post.department_id}).status_code == 404
    assert login(a_holder).get(BOARD, {"department": "x"}).status_code == 404
    other = login(other_chief).get(BOARD)
    assert other.status_code == 200 and "许可审查岗" not in other.content.decode()


def test_anonymous_wrong_method_and_no_staff_record(client, login, a_holder, django_user_model):
    assert client.get(BOARD)["Location"].startswith("/accounts/login/")
    assert login(a_holder).post(BOARD).status_code == 405
    client.force_login(django_user_model.objects.create_user("nobody", password="x"))
    assert client.get(BOARD).status_code == 403


def test_the_board_query_count_does_not_grow(login, away, chief, make_staff, django_assert_max_num_queries):
    for n in range(12):
        a, b = make_staff(name=f"A{n}"), make_staff(name=f"B{n}")
        PostFactory(department=chief.department, name=f"岗位{n}", a_holder=a, b_holder=b)
        away(a, "2026-12-07 09:00", "2026-12-08 18:00")
        if n % 3 == 0:
            away(b, "2026-12-07 09:00", "2026-12-08 18:00")
    client = login(chief)
    with django_assert_max_num_queries(12):
        response = client.get(BOARD)
    assert (response.context["board"].covered_by_b, response.context["board"].uncovered) == (8, 4)
