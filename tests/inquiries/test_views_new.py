"""The desk's intake form: /inquiries/new/."""

import pytest
import time_machine

from audit.models import AuditEvent
from inquiries.models import AskedStaff, Inquiry, InquiryKind
from org.roles import Role
from tests.inquiries.conftest import at

URL = "/inquiries/new/"


@pytest.fixture(autouse=True)
def today(official_calendar):
    with time_machine.travel(at(2026, 11, 10), tick=False):
        yield


def post(client, *asked, **data):
    data = {
        "channel": "visit",
        "kind": "consultation",
        "subject": "咨询食品经营许可办理流程",
        "visitor_name": "王先生",
        "visitor_phone": "138 1234 5678",
        "asked_staff": [staff.pk for staff in asked],
        **data,
    }
    return client.post(URL, data)


def test_anonymous_is_sent_to_login(client, db):
    assert client.get(URL)["Location"].startswith("/accounts/login/")
    assert client.post(URL, {})["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("role", ["front_desk", "handler", "chief"])
def test_the_front_desk_handlers_and_chiefs_may_log(role, request, login):
    staff = request.getfixturevalue(role)
    response = login(staff).get(URL)
    assert response.status_code == 200
    form = response.context["form"]
    # Whoever is at the desk was asked: they are the first chip.
    assert [chip["id"] for chip in form.asked_initial] == [staff.pk]
    assert form.initial["asked_staff"] == [staff.pk]
    assert form["channel"].value() == "visit"


@pytest.mark.parametrize("role", ["supervisor", "administrator"])
def test_others_are_refused(role, request, login, front_desk):
    client = login(request.getfixturevalue(role))
    assert client.get(URL).status_code == 403
    assert post(client, front_desk).status_code == 403
    assert not Inquiry.objects.exists()


def test_the_page_is_keyboard_ready_and_works_without_script(login, front_desk):
    page = login(front_desk).get(URL).content.decode()
    # The subject has the focus; the script is served from the app, and the
    # plain multi-select stands in for the chips without it.
    assert 'name="subject"' in page and "autofocus" in page
    assert "/static/inquiries/intake.js" in page
    assert '<select name="asked_staff"' in page and "multiple" in page
    assert "/inquiries/staff-search/" in page
    assert 'id="asked-initial"' in page
    assert 'type="submit"' in page


def test_logged_with_the_first_responder_computed_and_the_page_next(login, front_desk, clerk, deputy_chief):
    client = login(front_desk)
    response = post(client, front_desk, clerk, deputy_chief, description="想了解办理时限")
    inquiry = Inquiry.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/inquiries/{inquiry.pk}/"
    assert inquiry.first_responder == deputy_chief
    assert inquiry.tie_settled is False
    assert inquiry.visitor_phone == "13812345678"
    assert inquiry.created_by == front_desk.user
    # Everyone asked, in the order entered.
    assert [row.staff for row in AskedStaff.objects.filter(inquiry=inquiry)] == [
        front_desk,
        clerk,
        deputy_chief,
    ]
    assert AuditEvent.objects.filter(verb="inquiry.log").count() == 1
    page = client.get(response["Location"]).content.decode()
    # The success message names the number and the first responder.
    assert inquiry.number in page
    assert deputy_chief.name in page


def test_the_order_entered_is_kept_whatever_the_ids(login, front_desk, clerk, deputy_chief):
    post(login(front_desk), deputy_chief, clerk, front_desk)
    assert [row.staff for row in AskedStaff.objects.order_by("position")] == [deputy_chief, clerk, front_desk]


def test_a_tie_shows_the_tied_to_choose_from_then_saves_with_the_choice(login, front_desk, clerk, handler):
    client = login(front_desk)
    handler.rank = 2
    handler.save(update_fields=["rank"])
    # 前台小王 and 科员陈静 are both rank 2; 经办人老张 too, but was not asked.
    response = post(client, front_desk, clerk)
    assert response.status_code == 200
    assert not Inquiry.objects.exists()
    form = response.context["form"]
    assert form.show_tie
    assert {staff.pk for staff in form.tied} == {front_desk.pk, clerk.pk}
    page = response.content.decode()
    assert f'data-tied="{front_desk.pk}"' in page
    assert f'data-tied="{clerk.pk}"' in page
    assert f'data-tied="{handler.pk}"' not in page
    # The chips come back as entered.
    assert [chip["id"] for chip in form.asked_initial] == [front_desk.pk, clerk.pk]

    response = post(client, front_desk, clerk, first_responder=clerk.pk)
    inquiry = Inquiry.objects.get()
    assert response["Location"] == f"/inquiries/{inquiry.pk}/"
    assert inquiry.first_responder == clerk
    assert inquiry.tie_settled is True


def test_a_choice_outside_the_tie_is_asked_again(login, front_desk, clerk, deputy_chief):
    # 前台小王 and 科员陈静 tie; the deputy chief was not asked.
    response = post(login(front_desk), front_desk, clerk, first_responder=deputy_chief.pk)
    assert response.status_code == 200
    assert "first_responder" in response.context["form"].errors
    assert not Inquiry.objects.exists()


def test_a_choice_left_over_without_a_tie_does_not_count(login, front_desk, deputy_chief):
    post(login(front_desk), front_desk, deputy_chief, first_responder=front_desk.pk)
    inquiry = Inquiry.objects.get()
    assert inquiry.first_responder == deputy_chief
    assert inquiry.tie_settled is False


def test_a_bad_choice_left_over_without_a_tie_is_ignored(login, front_desk, deputy_chief):
    response = post(login(front_desk), front_desk, deputy_chief, first_responder="abc")
    assert response.status_code == 302
    assert Inquiry.objects.get().first_responder == deputy_chief


@pytest.mark.parametrize(
    ("field", "data"),
    [
        ("subject", {"subject": ""}),
        ("asked_staff", {"asked_staff": []}),
        ("asked_staff", {"asked_staff": ["abc"]}),
        ("asked_staff", {"asked_staff": ["99999"]}),
        ("channel", {"channel": "pigeon"}),
        ("kind", {"kind": "?"}),
        ("visitor_phone", {"visitor_phone": "not a phone"}),
        ("visitor_id_number", {"visitor_id_number": "12345"}),
        ("service_item", {"service_item": "abc"}),
        ("service_item", {"service_item": "99999"}),
    ],
)
def test_bad_input_shows_form_errors_and_writes_nothing(login, front_desk, field, data):
    response = post(login(front_desk), front_desk, **data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Inquiry.objects.exists()
    assert not AuditEvent.objects.filter(verb="inquiry.log").exists()


def test_the_first_field_in_error_gets_the_focus(login, front_desk):
    form = post(login(front_desk), front_desk, subject="", visitor_phone="x").context["form"]
    assert form.fields["subject"].widget.attrs.get("autofocus")
    assert not form.fields["visitor_phone"].widget.attrs.get("autofocus")


def test_a_report_needs_the_reporters_name_and_contact(login, front_desk):
    client = login(front_desk)
    response = post(client, front_desk, kind=InquiryKind.REPORT, visitor_phone="")
    assert response.status_code == 200
    assert "visitor_phone" in response.context["form"].errors
    assert not Inquiry.objects.exists()
    post(client, front_desk, kind=InquiryKind.REPORT, subject="举报无证经营")
    assert Inquiry.objects.get().kind == InquiryKind.REPORT


def test_someone_who_left_cannot_be_named(login, front_desk, make_staff):
    gone = make_staff(Role.HANDLER, name="已离职")
    gone.user.is_active = False
    gone.user.save(update_fields=["is_active"])
    response = post(login(front_desk), front_desk, gone)
    assert "asked_staff" in response.context["form"].errors
    assert not Inquiry.objects.exists()


def test_the_id_number_is_kept_upper_case(login, front_desk):
    post(login(front_desk), front_desk, visitor_id_number="11010519900307123x")
    assert Inquiry.objects.get().visitor_id_number == "11010519900307123X"


def test_only_published_items_are_offered_grouped_by_section(
    login, front_desk, item, make_item, other_department
):
    hidden = make_item(code="HIDDEN-1")
    hidden.published = False
    hidden.save(update_fields=["published"])
    other = make_item(code="MK-1", dept=other_department)
    page = login(front_desk).get(URL).content.decode()
    assert 'optgroup label="行政审批科"' in page
    assert 'optgroup label="市场监管科"' in page
    assert item.code in page and other.code in page
    assert "HIDDEN-1" not in page
    assert "data-filter-for" in page


def test_an_application_with_its_service_item(login, front_desk, item):
    post(login(front_desk), front_desk, kind=InquiryKind.APPLICATION, service_item=item.pk)
    inquiry = Inquiry.objects.get()
    assert inquiry.service_item == item


def test_the_form_renders_in_few_queries(
    login, front_desk, make_staff, make_item, django_assert_max_num_queries
):
    for n in range(40):
        make_staff(Role.HANDLER, name=f"员工{n}")
    for _n in range(10):
        make_item()
    client = login(front_desk)
    with django_assert_max_num_queries(12):
        assert client.get(URL).status_code == 200
