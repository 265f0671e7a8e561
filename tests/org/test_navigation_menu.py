"""The main menu groups each area's entries (core.navigation.NavGroup), so it stays one row for every role."""

import pytest

from org.context_processors import NavItem, NavMenuGroup, group_menu

ROLES = ["front_desk", "handler", "chief", "supervisor", "administrator"]


def _shape(menu):
    return [
        (node.key, [item.url for item in node.items]) if isinstance(node, NavMenuGroup) else node.url
        for node in menu
    ]


def test_the_chiefs_twenty_six_entries_are_eight_places_in_the_menu(login, chief):
    client = login(chief)
    context = client.get("/").context
    menu = context["nav_menu"]
    assert len(context["nav_items"]) == 26
    assert _shape(menu) == [
        "/",
        (
            "inquiries",
            [
                "/inquiries/new/",
                "/inquiries/",
                "/inquiries/transfers/",
                "/inquiries/section/",
                "/inquiries/register/",
            ],
        ),
        ("cases", ["/cases/", "/cases/section/", "/refusals/queue/", "/refusals/"]),
        "/notices/",  # a group with one entry is that entry alone
        ("commitments", ["/board/", "/breaches/"]),
        ("posts", ["/posts/queue/", "/posts/changes/", "/posts/", "/posts/absences/", "/posts/handovers/"]),
        (
            "accountability",
            # Rule 8's 差评整改 and 效能考评 sit here: a poor rating not followed up becomes an
            # accountability record, and the evaluation counts the records.
            [
                "/accountability/records/",
                "/evaluation/follow-ups/",
                "/accountability/mine/",
                "/accountability/complaints/new/",
                "/evaluation/",
                "/evaluation/mine/",
            ],
        ),
        ("manage", ["/org/", "/calendar/"]),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_every_role_has_at_most_eight_places_and_every_entry_is_in_one(request, login, role):
    client = login(request.getfixturevalue(role))
    context = client.get("/").context
    menu = context["nav_menu"]
    # Seven areas and 问责 (every staff member reads their own records); one row at 1280 px
    # (tests/browser/test_navigation.py measures it).
    assert len(menu) <= 8
    listed = [item for node in menu for item in (node.items if isinstance(node, NavMenuGroup) else [node])]
    assert listed == context["nav_items"]


def test_the_group_of_the_current_page_is_marked_and_its_entry_is_current(login, chief):
    page = login(chief).get("/cases/section/")
    cases = next(node for node in page.context["nav_menu"] if getattr(node, "key", "") == "cases")
    assert cases.active
    assert [item.url for item in cases.items if item.active] == ["/cases/section/"]
    html = page.content.decode()
    assert 'class="dropdown-item active" href="/cases/section/" aria-current="page"' in html
    assert 'data-bs-toggle="dropdown"' in html


def test_an_entry_of_a_group_no_app_registered_stands_alone():
    item = NavItem(label="x", url="/x/", icon="x", active=False, group="not-registered")
    assert group_menu([item]) == [item]
