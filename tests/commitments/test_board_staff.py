"""The staff board (/board/staff/): who serves the public, and nothing private about them."""

import pytest

from org.roles import Role
from tests.factories import PostFactory, StaffFactory, UserFactory

URL = "/board/staff/"


@pytest.fixture
def section(department, chief, handler, front_desk):
    department.public_phone = "0571-8800-1002"
    department.room = "一楼大厅 1-6 号窗口"
    department.save(update_fields=["public_phone", "room"])
    handler.duties = "负责食品经营许可审查"
    handler.title = "主任科员"
    handler.employee_number = "GH-7731"
    handler.phone_extension = "6612"
    handler.save(update_fields=["duties", "title", "employee_number", "phone_extension"])
    handler.user.username = "zhang.private"
    handler.user.save(update_fields=["username"])
    chief.title = "科长"
    chief.save(update_fields=["title"])
    PostFactory(
        department=department,
        name="许可审查岗",
        duties="对申请材料进行实质审查",
        a_holder=handler,
        b_holder=front_desk,
    )
    return department


def page_of(client):
    client.cookies["django_language"] = "en"  # the user chose English
    response = client.get(URL)
    assert response.status_code == 200
    return response.content.decode()


def _section_html(page, department):
    return page.split(f'data-testid="section-{department.code}"')[1].split("</section>")[0]


def test_each_section_shows_its_leaders_then_its_staff_with_posts_and_duties(client, section):
    html = _section_html(page_of(client), section)
    assert "0571-8800-1002" in html and "一楼大厅 1-6 号窗口" in html
    leaders, staff = html.split("<table")
    assert "科长李红" in leaders and "科长" in leaders
    assert "经办人老张" not in leaders
    assert "经办人老张" in staff and "主任科员" in staff and "负责食品经营许可审查" in staff
    assert "前台小王" in staff
    assert "许可审查岗" in staff and "对申请材料进行实质审查" in staff
    handler_row = staff.split("经办人老张")[1].split("</tr>")[0]
    assert "A post" in handler_row
    front_desk_row = staff.split("前台小王")[1].split("</tr>")[0]
    assert "B post" in front_desk_row


def test_nothing_private_leaks_to_the_public(client, section, handler):
    page = page_of(client)
    assert "GH-7731" not in page
    assert "6612" not in page
    assert "zhang.private" not in page
    assert handler.user.email not in page


def test_staff_kept_off_the_board_or_gone_are_not_shown(client, section, department):
    StaffFactory(department=department, name="不公示的人", shown_on_board=False, roles=[Role.HANDLER])
    StaffFactory(
        department=department,
        name="已离职的人",
        user=UserFactory(is_active=False),
        roles=[Role.HANDLER],
    )
    page = page_of(client)
    assert "不公示的人" not in page
    assert "已离职的人" not in page


def test_a_chief_of_another_section_leads_that_section_only(client, section, other_chief, other_department):
    page = page_of(client)
    assert "科长赵强" in _section_html(page, other_department).split("<table")[0]
    assert "科长赵强" not in _section_html(page, section)


def test_a_sections_head_leads_it_whatever_their_roles(client, other_department):
    """The efficiency office's director holds only the supervisor role."""
    StaffFactory(department=other_department, name="主任周敏", title="主任", rank=7, roles=[Role.SUPERVISOR])
    StaffFactory(department=other_department, name="科员严明", title="科员", rank=3, roles=[Role.SUPERVISOR])
    leaders, staff = _section_html(page_of(client), other_department).split("<table")
    assert "主任周敏" in leaders
    assert "科员严明" not in leaders and "科员严明" in staff


def test_a_head_kept_off_the_board_does_not_make_the_next_in_rank_a_leader(client, other_department):
    StaffFactory(
        department=other_department, name="主任周敏", rank=7, shown_on_board=False, roles=[Role.SUPERVISOR]
    )
    StaffFactory(department=other_department, name="副主任曹颖", rank=6, roles=[Role.SUPERVISOR])
    html = _section_html(page_of(client), other_department)
    assert "主任周敏" not in html
    leaders, staff = html.split("<table")
    assert "副主任曹颖" not in leaders and "副主任曹颖" in staff


def test_logged_in_staff_see_the_same_board(login, handler, section):
    page = page_of(login(handler))
    assert "科长李红" in page
    assert "6612" not in page


def test_the_staff_board_costs_a_constant_number_of_queries(
    client, section, department, django_assert_max_num_queries
):
    people = StaffFactory.create_batch(20, department=department, roles=[Role.HANDLER])
    for a, b in zip(people[::2], people[1::2], strict=True):
        PostFactory(department=department, a_holder=a, b_holder=b)
    with django_assert_max_num_queries(5):
        client.get(URL)
