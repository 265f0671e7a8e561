import pytest
import time_machine

from deadlines.jobs import flag_overdue
from deadlines.services import case_complete
from org.roles import Role
from tests.deadlines.conftest import at

URL = "/cases/"


@pytest.fixture(autouse=True)
def today():
    # Tue 2026-11-10.
    with time_machine.travel(at(2026, 11, 10), tick=False):
        yield


@pytest.fixture
def cases(open_case, make_item):
    """Due in 4 working days, 3 working days overdue, and due today."""
    return {
        "ahead": open_case(received_at=at(2026, 11, 2)),  # 10 wd: due Mon 11-16
        "late": open_case(received_at=at(2026, 11, 2), service_item=make_item(committed_days=3)),  # Thu 11-05
        "today": open_case(
            received_at=at(2026, 11, 9), service_item=make_item(committed_days=1)
        ),  # Tue 11-10
    }


def test_anonymous_is_sent_to_login(client, db):
    assert client.get(URL)["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("role", ["front_desk", "handler", "chief"])
def test_staff_who_work_cases_see_the_page(role, request, login, handler, open_case):
    staff = request.getfixturevalue(role)
    # The front desk received it (its list); a handler or a chief handles it.
    case = open_case(received_at=at(2026, 11, 2), handler=handler if role == "front_desk" else staff)
    response = login(staff).get(URL)
    assert response.status_code == 200
    assert case.pk in {c.pk for c in response.context["page"]}


@pytest.mark.parametrize("role", ["supervisor", "administrator"])
def test_roles_without_cases_are_refused(role, request, login):
    assert login(request.getfixturevalue(role)).get(URL).status_code == 403


def test_a_login_without_a_staff_record_is_refused(client, db):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    assert client.get(URL).status_code == 403


def test_anyone_who_handles_a_case_sees_the_page(login, make_staff, open_case):
    covering = make_staff(Role.ADMINISTRATOR, name="临时经办")
    case = open_case(handler=covering, received_at=at(2026, 11, 2))
    response = login(covering).get(URL)
    assert response.status_code == 200
    assert [c.pk for c in response.context["page"]] == [case.pk]


def test_open_cases_come_due_soon_first_with_working_days_left(login, handler, cases):
    response = login(handler).get(URL)
    shown = [(case.number, case.working_days_left) for case in response.context["page"]]
    assert shown == [(cases["late"].number, -3), (cases["today"].number, 0), (cases["ahead"].number, 4)]
    page = response.content.decode()
    assert 'data-days-left="-3"' in page
    assert 'data-days-left="4"' in page
    assert page.count('class="case-late"') == 1


def test_the_cards_count_open_due_today_and_overdue(login, handler, cases):
    flag_overdue()
    counts = login(handler).get(URL).context["counts"]
    assert (counts["open"], counts["due_today"], counts["overdue"]) == (3, 1, 1)


def test_completed_cases_are_on_their_own_tab(login, handler, cases):
    case_complete(actor=handler.user, case=cases["ahead"])
    client = login(handler)
    assert cases["ahead"] not in list(client.get(URL).context["page"])
    assert [c.pk for c in client.get(URL, {"show": "done"}).context["page"]] == [cases["ahead"].pk]


def test_other_handlers_cases_are_not_shown(login, make_staff, cases):
    other = make_staff(Role.HANDLER, name="另一位经办人")
    page = login(other).get(URL)
    assert list(page.context["page"]) == []
    assert 'class="empty-state' in page.content.decode()


def test_the_front_desk_finds_the_cases_it_received(login, front_desk, cases):
    response = login(front_desk).get(URL, {"show": "received"})
    assert {c.pk for c in response.context["page"]} == {c.pk for c in cases.values()}


def test_the_front_desk_starts_on_what_it_received(login, front_desk, handler, cases):
    assert login(front_desk).get(URL).context["show"] == "received"
    assert login(handler).get(URL).context["show"] == "open"


def test_an_unknown_tab_or_page_is_not_an_error(login, handler, cases):
    response = login(handler).get(URL, {"show": "<script>", "page": "x"})
    assert response.status_code == 200
    assert response.context["show"] == "open"


def test_the_list_takes_a_constant_number_of_queries(
    login, handler, open_case, django_assert_max_num_queries
):
    for day in range(2, 32):
        open_case(received_at=at(2026, 10, day))
    client = login(handler)
    with django_assert_max_num_queries(
        13
    ):  # +1: rule 4, the A holders the user covers now (cover.covered_holders)
        response = client.get(URL)
    assert len(response.context["page"]) == 30


def test_each_card_links_to_the_cases_it_counts(login, handler, cases):
    """The page's cards, and the home's, narrow the open tab to what they count."""
    flag_overdue()
    client = login(handler)
    due_today = client.get(URL, {"show": "open", "due": "today"})
    assert [c.pk for c in due_today.context["page"]] == [cases["today"].pk]
    assert due_today.context["narrowed"] == "due_today"
    overdue = client.get(URL, {"show": "open", "overdue": "true"})
    assert [c.pk for c in overdue.context["page"]] == [cases["late"].pk]
    assert 'id="results" data-list-total="1"' in overdue.content.decode()
    # A narrowing the page does not know shows every open case.
    assert len(client.get(URL, {"show": "open", "due": "someday"}).context["page"]) == 3
