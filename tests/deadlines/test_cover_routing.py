"""Rule 4: a new case with no handler named goes to whoever answers for the
item's post at that minute; it stays with the one receiving it when they hold
the post (as A, or as B while A is away)."""

import pytest
import time_machine
from django.core.exceptions import ValidationError

from deadlines.models import Case
from deadlines.selectors import default_handler
from deadlines.services import case_open
from org.roles import Role
from tests.abpositions.conftest import at, away  # noqa: F401

LIST = "/api/v1/cases/"


@pytest.fixture
def item(make_item, post):
    item = make_item()
    item.post = post
    item.save(update_fields=["post"])
    return item


def received_at(moment, actor, item, **kwargs):
    with time_machine.travel(at(moment), tick=False):
        return case_open(actor=actor.user, service_item=item, applicant_name="王先生", **kwargs)


@pytest.mark.parametrize(
    ("moment", "goes_to"),
    [
        ("2026-12-07 14:29", "a_holder"),  # the minute before A leaves
        ("2026-12-07 14:30", "b_holder"),  # the minute A leaves
        ("2026-12-08 00:00", "b_holder"),  # across midnight
        ("2026-12-08 08:59", "b_holder"),
        ("2026-12-08 09:00", "a_holder"),  # the minute A is back
    ],
)
def test_the_desk_routes_to_whoever_answers_at_the_minute(
    moment,
    goes_to,
    request,
    front_desk,
    item,
    a_holder,
    away,  # noqa: F811
):
    away(a_holder, "2026-12-07 14:30", "2026-12-08 09:00")
    case = received_at(moment, front_desk, item)
    assert case.handler == request.getfixturevalue(goes_to)


def test_a_desk_of_another_section_accepts_without_knowing_the_staff(
    make_staff,
    other_department,
    item,
    a_holder,
    b_holder,
    away,  # noqa: F811
):
    desk = make_staff(Role.FRONT_DESK, department=other_department)
    away(a_holder, "2026-12-07 09:00", "2026-12-09 18:00")
    assert received_at("2026-12-08 10:00", desk, item).handler == b_holder


def test_b_receiving_while_a_is_away_keeps_it_and_a_receiving_keeps_it(
    item,
    a_holder,
    b_holder,
    away,  # noqa: F811
):
    away(a_holder, "2026-12-07 09:00", "2026-12-09 18:00")
    assert received_at("2026-12-08 10:00", b_holder, item).handler == b_holder
    assert received_at("2026-12-10 10:00", a_holder, item).handler == a_holder


def test_b_receiving_while_a_is_at_work_routes_it_to_a(item, a_holder, b_holder):
    assert received_at("2026-12-08 10:00", b_holder, item).handler == a_holder


def test_a_colleague_of_the_section_not_holding_the_post_routes_it(item, handler, a_holder):
    assert received_at("2026-12-08 10:00", handler, item).handler == a_holder


def test_both_away_it_goes_to_the_named_cover_else_the_chief(
    front_desk,
    make_staff,
    chief,
    item,
    a_holder,
    b_holder,
    away,  # noqa: F811
):
    colleague = make_staff(Role.HANDLER, name="同事王五")
    away(a_holder, "2026-12-07 09:00", "2026-12-09 18:00")
    away(b_holder, "2026-12-08 09:00", "2026-12-08 12:00", cover=colleague)
    away(b_holder, "2026-12-09 09:00", "2026-12-09 12:00")
    assert received_at("2026-12-08 10:00", front_desk, item).handler == colleague
    assert received_at("2026-12-09 10:00", front_desk, item).handler == chief


def test_a_handler_named_is_kept(front_desk, handler, item, a_holder, away):  # noqa: F811
    away(a_holder, "2026-12-07 09:00", "2026-12-09 18:00")
    assert received_at("2026-12-08 10:00", front_desk, item, handler=handler).handler == handler


def test_an_item_without_a_post_keeps_todays_behaviour(make_item, make_staff, other_department, handler):
    plain = make_item()
    assert received_at("2026-12-08 10:00", handler, plain).handler == handler
    desk = make_staff(Role.FRONT_DESK, department=other_department)
    with pytest.raises(ValidationError):
        received_at("2026-12-08 10:00", desk, plain)


def test_the_forms_offer_the_receiver_only_when_it_would_stay_with_them(
    item,
    handler,
    a_holder,
    b_holder,
    away,  # noqa: F811
):
    away(a_holder, "2026-12-07 09:00", "2026-12-09 18:00")
    with time_machine.travel(at("2026-12-08 10:00"), tick=False):
        assert default_handler(b_holder.user, item) == b_holder
        assert default_handler(handler.user, item) is None


def test_the_desk_page_without_a_handler_sends_it_to_b(
    login,
    make_staff,
    other_department,
    item,
    a_holder,
    b_holder,
    away,  # noqa: F811
):
    desk = make_staff(Role.FRONT_DESK, department=other_department)
    away(a_holder, "2026-12-07 09:00", "2026-12-09 18:00")
    data = {"service_item": item.pk, "applicant_name": "王先生", "applicant_phone": "13812345678"}
    with time_machine.travel(at("2026-12-08 10:00"), tick=False):
        response = login(desk).post("/cases/new/", data)
    case = Case.objects.get()
    assert response["Location"] == f"/cases/{case.pk}/receipt/"
    assert case.handler == b_holder


def test_the_api_without_a_handler_sends_it_to_b(
    api,
    front_desk,
    item,
    a_holder,
    b_holder,
    away,  # noqa: F811
):
    away(a_holder, "2026-12-07 09:00", "2026-12-09 18:00")
    payload = {
        "kind": "service",
        "service_item": item.pk,
        "applicant_name": "王先生",
        "applicant_phone": "13812345678",
    }
    with time_machine.travel(at("2026-12-08 10:00"), tick=False):
        response = api(front_desk).post(LIST, payload, format="json")
    assert response.status_code == 201, response.content
    assert (response.json()["handler"], response.json()["cover_for"]) == (b_holder.pk, a_holder.pk)


def test_a_case_opened_from_an_inquiry_without_a_handler_goes_to_b(
    front_desk,
    official_calendar,
    item,
    a_holder,
    b_holder,
    away,  # noqa: F811
):
    from inquiries.models import InquiryKind
    from inquiries.services import inquiry_log, inquiry_open_case

    away(a_holder, "2026-12-07 09:00", "2026-12-09 18:00")
    with time_machine.travel(at("2026-12-08 10:00"), tick=False):
        inquiry = inquiry_log(
            actor=front_desk.user,
            asked_staff=[front_desk],
            channel="visit",
            kind=InquiryKind.APPLICATION,
            service_item=item,
            subject="申请食品经营许可",
            visitor_name="王先生",
            visitor_phone="13812345678",
        )
        case = inquiry_open_case(actor=front_desk.user, inquiry=inquiry)
    assert case.handler == b_holder
