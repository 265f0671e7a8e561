import pytest
import time_machine

from deadlines.jobs import flag_overdue
from deadlines.services import case_complete, extension_request
from org.roles import Role
from tests.deadlines.conftest import at

URL = "/cases/section/"


@pytest.fixture(autouse=True)
def today():
    # Tue 2026-11-10.
    with time_machine.travel(at(2026, 11, 10), tick=False):
        yield


@pytest.fixture
def colleague(make_staff):
    return make_staff(Role.HANDLER, name="经办人小孙")


@pytest.fixture
def other_handler(make_staff, other_department):
    return make_staff(Role.HANDLER, department=other_department, name="经办人小刘")


@pytest.fixture
def cases(open_case, make_item, colleague, other_handler, other_department, front_desk):
    """Ours: due in 4 wd, overdue, due today (the colleague's), completed; and one of the other section."""
    from deadlines.services import case_open

    ours = {
        "ahead": open_case(received_at=at(2026, 11, 2)),  # due Mon 11-16
        "late": open_case(received_at=at(2026, 11, 2), service_item=make_item(committed_days=3)),  # 11-05
        "today": open_case(
            received_at=at(2026, 11, 9), service_item=make_item(committed_days=1), handler=colleague
        ),
        "done": open_case(received_at=at(2026, 11, 3)),
    }
    case_complete(actor=ours["done"].handler.user, case=ours["done"])
    theirs = case_open(
        actor=other_handler.user,
        service_item=make_item(code="MK-001", dept=other_department),
        applicant_name="李女士",
        applicant_phone="13900001111",
        received_at=at(2026, 11, 4),
    )
    flag_overdue()
    return {**ours, "theirs": theirs}


def numbers(response):
    return [case.number for case in response.context["page"]]


def test_anonymous_is_sent_to_login(client, db):
    assert client.get(URL)["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("role", ["front_desk", "handler", "administrator"])
def test_staff_who_are_not_chiefs_or_supervisors_are_refused(role, request, login):
    assert login(request.getfixturevalue(role)).get(URL).status_code == 403


def test_a_chief_sees_the_open_cases_of_their_section_due_soon_first(login, chief, cases):
    response = login(chief).get(URL)
    assert numbers(response) == [cases["late"].number, cases["today"].number, cases["ahead"].number]
    assert [case.working_days_left for case in response.context["page"]] == [-3, 0, 4]
    page = response.content.decode()
    assert cases["theirs"].number not in page
    assert "经办人小孙" in page


def test_a_chief_cannot_look_into_another_section(login, chief, cases, other_department):
    response = login(chief).get(URL, {"department": other_department.pk})
    assert cases["theirs"].number not in numbers(response)
    assert "department" not in response.context["filter"].form.fields


def test_the_chief_of_the_other_section_sees_theirs(login, other_chief, cases):
    assert numbers(login(other_chief).get(URL)) == [cases["theirs"].number]


def test_the_page_says_whose_cases_it_lists(login, supervisor, chief, cases, other_department):
    page = login(supervisor).get(URL).content.decode()
    assert "全部科室" in page and "各科室全部办件" in page
    assert "本科室" not in page
    assert "本科室" in login(supervisor).get(URL, {"department": other_department.pk}).content.decode()
    assert "本科室" in login(chief).get(URL).content.decode()


def test_a_supervisor_sees_every_section_and_may_pick_one(login, supervisor, cases, other_department):
    client = login(supervisor)
    assert len(numbers(client.get(URL))) == 4
    response = client.get(URL, {"department": other_department.pk})
    assert numbers(response) == [cases["theirs"].number]
    assert response.context["department"] == other_department


def test_the_cards_count_under_the_other_filters(login, chief, cases, colleague):
    client = login(chief)
    counts = {card["label"]: card["count"] for card in client.get(URL).context["cards"]}
    assert list(counts.values()) == [3, 1, 1, 1]  # open, due today, overdue, completed
    response = client.get(URL, {"handler": colleague.pk, "status": "completed"})
    assert [card["count"] for card in response.context["cards"]] == [1, 1, 0, 0]
    assert numbers(response) == []


def test_filters_by_status_handler_item_due_range_and_overdue(login, chief, cases, colleague, item):
    client = login(chief)

    def shown(**params):
        return sorted(numbers(client.get(URL, params)))

    assert shown(status="completed") == [cases["done"].number]
    assert shown(status="") == sorted(cases[k].number for k in ("ahead", "late", "today", "done"))
    assert shown(handler=colleague.pk) == [cases["today"].number]
    assert shown(service_item=item.pk) == [cases["ahead"].number]
    assert shown(overdue="true") == [cases["late"].number]
    assert shown(due_from="2026-11-10", due_to="2026-11-10") == [cases["today"].number]
    assert shown(number=cases["late"].number[-4:]) == [cases["late"].number]


def test_bad_filter_values_are_not_a_500(login, supervisor, chief, cases):
    params = {
        "status": "king",
        "handler": "x",
        "service_item": "99999",
        "department": "abc",
        "due_from": "2026-13-45",
        "overdue": "maybe",
        "kind": "?",
        "page": "abc",
    }
    for staff in (chief, supervisor):
        assert login(staff).get(URL, params).status_code == 200


def test_the_extension_queue_offers_approve_and_reject_in_place(login, chief, handler, cases):
    extension = extension_request(actor=handler.user, case=cases["ahead"], days=3, reason="需现场核查")
    response = login(chief).get(URL)
    assert [e.pk for e in response.context["queue"]] == [extension.pk]
    page = response.content.decode()
    assert f"/cases/extensions/{extension.pk}/approve/" in page
    assert f"/cases/extensions/{extension.pk}/reject/" in page
    assert "需现场核查" in page


def test_a_chiefs_own_request_waits_for_another_chief(login, chief, cases):
    own = extension_request(actor=chief.user, case=cases["ahead"], days=3, reason="本人申请")
    response = login(chief).get(URL)
    assert [e.pk for e in response.context["queue"]] == [own.pk]
    assert f"/cases/extensions/{own.pk}/approve/" not in response.content.decode()


def test_the_other_sections_requests_are_not_in_the_queue(login, other_chief, handler, cases):
    extension_request(actor=handler.user, case=cases["ahead"], days=3, reason="需现场核查")
    assert login(other_chief).get(URL).context["queue"] == []


def test_the_list_is_paginated_by_fifty_with_a_constant_number_of_queries(
    login, chief, supervisor, handler, colleague, open_case, django_assert_max_num_queries
):
    for n in range(55):
        case = open_case(received_at=at(2026, 10, 1 + n % 28), handler=colleague if n % 2 else handler)
        if n % 10 == 0:
            extension_request(actor=case.handler.user, case=case, days=1, reason=f"延期{n}")
    client = login(chief)
    with django_assert_max_num_queries(16):
        response = client.get(URL, {"overdue": "false"})
    assert len(response.context["page"]) == 50
    assert len(response.context["queue"]) == 6
    assert len(client.get(URL, {"page": 2}).context["page"]) == 5
    client = login(supervisor)
    with django_assert_max_num_queries(21):
        response = client.get(URL, {"department": handler.department_id})
    assert len(response.context["page"]) == 50
    assert len(response.context["queue"]) == 6


def test_the_completed_card_counts_this_year_and_its_link_lists_the_same_cases(login, chief, open_case, item):
    last_year = open_case(received_at=at(2025, 12, 22))
    with time_machine.travel(at(2025, 12, 24), tick=False):
        case_complete(actor=last_year.handler.user, case=last_year)
    this_year = open_case(received_at=at(2026, 1, 5))
    with time_machine.travel(at(2026, 1, 6), tick=False):
        case_complete(actor=this_year.handler.user, case=this_year)
    # Due in 2025, completed late at 07:00 on 1 January 2026, bureau time
    # (still 31 December in UTC): it counts for 2026.
    late = open_case(received_at=at(2025, 12, 15))
    assert late.due_date.year == 2025
    with time_machine.travel(at(2026, 1, 1, 7), tick=False):
        case_complete(actor=late.handler.user, case=late)

    client = login(chief)
    card = client.get(URL).context["cards"][-1]  # open, due today, overdue, completed this year
    assert card["count"] == 2
    assert "completed_from=2026-01-01" in card["url"]
    listed = client.get(card["url"])
    assert sorted(numbers(listed)) == sorted([this_year.number, late.number])
    # The cards keep their numbers on the card's own list.
    assert [c["count"] for c in listed.context["cards"]][-1] == 2
    everything = client.get(URL, {"status": "completed", "completed_from": "2025-01-01"})
    assert sorted(numbers(everything)) == sorted([last_year.number, this_year.number, late.number])
