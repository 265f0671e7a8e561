import pytest
import time_machine

from deadlines.models import Case
from inquiries.models import Inquiry, InquiryKind, InquiryStatus, Transfer
from org.roles import Role
from tests.inquiries.conftest import at

LIST = "/api/v1/inquiries/"


@pytest.fixture(autouse=True)
def tuesday(official_calendar):
    with time_machine.travel(at(2026, 11, 17), tick=False):
        yield


def payload(*asked, **fields):
    return {
        "channel": "visit",
        "kind": "consultation",
        "visitor_name": "王先生",
        "visitor_phone": "13812345678",
        "visitor_id_number": "11010519491231002X",
        "subject": "咨询营业执照变更",
        "asked_staff": [staff.pk for staff in asked],
        **fields,
    }


@pytest.mark.parametrize("order", [0, 1])
def test_the_deputy_chief_asked_with_a_clerk_is_the_first_responder(
    api, front_desk, clerk, deputy_chief, order
):
    asked = [clerk, deputy_chief][:: 1 if order else -1]
    response = api(front_desk).post(LIST, payload(*asked), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["first_responder"] == deputy_chief.pk
    assert body["status"] == "open"
    assert body["number"].startswith("Q20261117")
    assert body["asked_staff"] == [staff.pk for staff in asked]
    assert body["visitor_phone"] == "138****5678"  # whole only in the inquiry's GET, where it is logged


def test_no_credentials_is_401_and_roles_that_may_not_log_are_403(
    client, api, supervisor, administrator, front_desk
):
    assert client.post(LIST, payload(front_desk), content_type="application/json").status_code == 401
    for staff in (supervisor, administrator):
        assert api(staff).post(LIST, payload(front_desk), format="json").status_code == 403
    assert not Inquiry.objects.exists()


def test_bad_input_is_400_with_reasons_and_writes_nothing(api, front_desk, make_staff):
    tied = make_staff(Role.HANDLER, name="同级人员", rank=front_desk.rank)
    cases = [
        ({"asked_staff": []}, "asked_staff"),
        ({"channel": "pigeon"}, "channel"),
        ({"visitor_id_number": "123"}, "visitor_id_number"),
        ({"subject": ""}, "subject"),
        ({"kind": "report", "visitor_phone": ""}, "visitor_phone"),
        ({"asked_staff": [front_desk.pk, tied.pk]}, "first_responder"),
        ({"asked_staff": [999999]}, "asked_staff"),
    ]
    client = api(front_desk)
    for change, field in cases:
        response = client.post(LIST, {**payload(front_desk), **change}, format="json")
        assert response.status_code == 400, (change, response.content)
        assert field in response.json(), (change, response.json())
    assert not Inquiry.objects.exists()


def test_a_tie_is_settled_by_naming_the_first_responder(api, front_desk, make_staff):
    tied = make_staff(Role.HANDLER, name="同级人员", rank=front_desk.rank)
    body = (
        api(front_desk).post(LIST, payload(front_desk, tied, first_responder=tied.pk), format="json").json()
    )
    assert (body["first_responder"], body["tie_settled"]) == (tied.pk, True)


def test_outcome_transfer_then_acknowledge(api, front_desk, handler):
    inquiry = api(front_desk).post(LIST, payload(front_desk), format="json").json()
    url = f"{LIST}{inquiry['id']}/outcome/"
    response = api(front_desk).post(url, {"outcome": "transfer", "transfer_to": handler.pk}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "transferred"
    assert api(front_desk).post(url, {"outcome": "handled"}, format="json").status_code == 409
    transfer = Transfer.objects.get()
    assert api(front_desk).post(f"/api/v1/transfers/{transfer.pk}/acknowledge/").status_code == 404
    response = api(handler).post(f"/api/v1/transfers/{transfer.pk}/acknowledge/")
    assert response.status_code == 200
    # Taken over, not closed: the handler owes the outcome, and the desk may no longer record it.
    assert Inquiry.objects.get().status == InquiryStatus.ACKNOWLEDGED
    assert api(front_desk).post(url, {"outcome": "handled"}, format="json").status_code == 403
    assert api(handler).post(
        url, {"outcome": "transfer", "transfer_to": handler.pk}, format="json"
    ).status_code in (
        400,
        409,
    )
    response = api(handler).post(url, {"outcome": "handled", "note": "已电话回复"}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "closed"
    assert response.json()["outcome"] == "handled"


def test_outcome_errors(api, front_desk, other_department, make_staff):
    inquiry = api(front_desk).post(LIST, payload(front_desk), format="json").json()
    url = f"{LIST}{inquiry['id']}/outcome/"
    client = api(front_desk)
    assert client.post(url, {"outcome": "nonsense"}, format="json").status_code == 400
    assert "refer_department" in client.post(url, {"outcome": "refer"}, format="json").json()
    assert "transfer_to" in client.post(url, {"outcome": "transfer"}, format="json").json()
    stranger = make_staff(Role.HANDLER, name="路人")
    assert api(stranger).post(url, {"outcome": "handled"}, format="json").status_code == 404
    response = client.post(url, {"outcome": "refer", "refer_department": other_department.pk}, format="json")
    assert response.json()["refer_department"] == other_department.pk


def test_reports_and_contacts_are_shown_only_to_who_needs_them(api, front_desk, chief, supervisor, handler):
    report = (
        api(front_desk)
        .post(LIST, payload(front_desk, kind="report", subject="举报窗口人员收受好处"), format="json")
        .json()
    )
    consult = (
        api(front_desk).post(LIST, payload(front_desk, visitor_phone="13900001111"), format="json").json()
    )
    # The supervisor sees the reporter's contact whole; the section chief sees the report masked.
    assert api(supervisor).get(f"{LIST}{report['id']}/").json()["visitor_phone"] == "13812345678"
    chief_view = api(chief).get(f"{LIST}{report['id']}/").json()
    assert chief_view["visitor_phone"] == "138****5678"
    assert chief_view["visitor_id_number"] == "110105********002X"
    # A handler of the section who was not involved sees neither.
    assert api(handler).get(f"{LIST}{report['id']}/").status_code == 404
    assert api(handler).get(f"{LIST}{consult['id']}/").status_code == 404
    assert {i["id"] for i in api(chief).get(LIST).json()["results"]} == {report["id"], consult["id"]}
    assert api(chief).get(f"{LIST}{consult['id']}/").json()["visitor_phone"] == "13900001111"


def test_a_case_opened_with_an_inquiry_is_linked_and_closes_it(api, front_desk, handler, item):
    inquiry = (
        api(front_desk)
        .post(LIST, payload(front_desk, kind=InquiryKind.APPLICATION, service_item=item.pk), format="json")
        .json()
    )
    response = api(front_desk).post(
        "/api/v1/cases/",
        {
            "service_item": item.pk,
            "applicant_name": "王先生",
            "applicant_phone": "13812345678",
            "handler": handler.pk,
            "inquiry": inquiry["id"],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    case = Case.objects.get()
    linked = Inquiry.objects.get()
    assert (linked.case, linked.status) == (case, InquiryStatus.CLOSED)
    again = api(front_desk).post(
        "/api/v1/cases/",
        {
            "service_item": item.pk,
            "applicant_name": "王先生",
            "applicant_phone": "13812345678",
            "inquiry": inquiry["id"],
        },
        format="json",
    )
    assert again.status_code == 409
    assert Case.objects.count() == 1


def test_a_case_for_an_inquiry_the_user_cannot_see_is_refused(api, front_desk, handler, item, make_staff):
    inquiry = api(front_desk).post(LIST, payload(front_desk), format="json").json()
    other = make_staff(Role.FRONT_DESK, name="另一窗口")
    response = api(other).post(
        "/api/v1/cases/",
        {
            "service_item": item.pk,
            "applicant_name": "王",
            "applicant_phone": "13812345678",
            "inquiry": inquiry["id"],
        },
        format="json",
    )
    assert response.status_code == 400
    assert "inquiry" in response.json()
    assert not Case.objects.exists()


# --- The filters mean what the pages' filters mean ----------------------------------


def test_flagged_counts_a_transfer_not_acknowledged_in_time_as_the_pages_do(api, front_desk, handler):
    from inquiries.jobs import flag_unowned

    transferred = api(front_desk).post(LIST, payload(front_desk), format="json").json()
    api(front_desk).post(
        f"{LIST}{transferred['id']}/outcome/",
        {"outcome": "transfer", "transfer_to": handler.pk},
        format="json",
    )
    waiting = api(front_desk).post(LIST, payload(front_desk), format="json").json()
    api(front_desk).post(f"{LIST}{waiting['id']}/outcome/", {"outcome": "handled"}, format="json")
    with time_machine.travel(at(2026, 11, 20), tick=False):
        flag_unowned()
    assert Transfer.objects.get().flagged and not Inquiry.objects.get(pk=transferred["id"]).flagged
    client = api(front_desk)
    assert [i["id"] for i in client.get(LIST, {"flagged": "true"}).json()["results"]] == [transferred["id"]]
    assert [i["id"] for i in client.get(LIST, {"flagged": "false"}).json()["results"]] == [waiting["id"]]


def test_the_date_range_is_by_the_local_day(api, front_desk):
    # 07:00 in Shanghai is still the day before in UTC.
    with time_machine.travel(at(2026, 11, 17, hour=7), tick=False):
        early = api(front_desk).post(LIST, payload(front_desk), format="json").json()
    client = api(front_desk)
    assert [i["id"] for i in client.get(LIST, {"asked_from": "2026-11-17"}).json()["results"]] == [
        early["id"]
    ]
    assert client.get(LIST, {"asked_to": "2026-11-16"}).json()["results"] == []


def test_an_old_15_digit_id_number_is_taken_as_on_the_page(api, front_desk):
    response = api(front_desk).post(
        LIST, payload(front_desk, visitor_id_number="110105491231002"), format="json"
    )
    assert response.status_code == 201, response.json()
    assert Inquiry.objects.get().visitor_id_number == "110105491231002"


# --- Only an application becomes a case, whichever way it is asked -------------------


@pytest.mark.parametrize("kind", [InquiryKind.CONSULTATION, InquiryKind.REPORT])
def test_a_case_is_not_opened_from_an_inquiry_that_is_no_application(api, front_desk, handler, item, kind):
    inquiry = (
        api(front_desk).post(LIST, payload(front_desk, kind=kind, service_item=item.pk), format="json").json()
    )
    response = api(front_desk).post(
        "/api/v1/cases/",
        {
            "service_item": item.pk,
            "applicant_name": "王先生",
            "applicant_phone": "13812345678",
            "handler": handler.pk,
            "inquiry": inquiry["id"],
        },
        format="json",
    )
    assert response.status_code == 400, response.json()
    assert "inquiry" in response.json()
    assert not Case.objects.exists()
    assert Inquiry.objects.get().status == InquiryStatus.OPEN


# --- Who is refused, endpoint by endpoint ---------------------------------------------


@pytest.fixture
def logged(api, front_desk, handler):
    """An inquiry logged by the front desk and transferred to the handler."""
    inquiry = api(front_desk).post(LIST, payload(front_desk), format="json").json()
    api(front_desk).post(
        f"{LIST}{inquiry['id']}/outcome/", {"outcome": "transfer", "transfer_to": handler.pk}, format="json"
    )
    return {"inquiry": inquiry["id"], "transfer": Transfer.objects.get().pk}


def endpoints(ids):
    inquiry, transfer = ids["inquiry"], ids["transfer"]
    return [
        ("get", LIST),
        ("get", f"{LIST}{inquiry}/"),
        ("post", f"{LIST}{inquiry}/outcome/"),
        ("get", "/api/v1/transfers/"),
        ("get", f"/api/v1/transfers/{transfer}/"),
        ("post", f"/api/v1/transfers/{transfer}/acknowledge/"),
    ]


def test_no_credentials_is_401_everywhere(api, logged):
    client = api()
    for method, url in endpoints(logged):
        assert getattr(client, method)(url, {"outcome": "handled"}, format="json").status_code == 401, url
    assert Transfer.objects.get().acknowledged_at is None


def test_a_login_that_is_no_member_of_staff_is_403_everywhere(api, logged, django_user_model):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(django_user_model.objects.create_user("robot", password="x"))
    for method, url in endpoints(logged):
        assert getattr(client, method)(url, {"outcome": "handled"}, format="json").status_code == 403, url
    assert Transfer.objects.get().acknowledged_at is None


def test_an_outsider_finds_neither_the_inquiry_nor_the_transfer(api, logged, other_chief):
    client = api(other_chief)
    assert client.get(LIST).json()["results"] == []
    assert client.get("/api/v1/transfers/").json()["results"] == []
    one_each = [(method, url) for method, url in endpoints(logged) if url not in (LIST, "/api/v1/transfers/")]
    assert len(one_each) == 4
    for method, url in one_each:
        assert getattr(client, method)(url, {"outcome": "handled"}, format="json").status_code == 404, url
    assert Transfer.objects.get().acknowledged_at is None


def test_a_supervisor_sees_an_inquiry_but_may_not_record_its_outcome(api, front_desk, supervisor):
    inquiry = api(front_desk).post(LIST, payload(front_desk), format="json").json()
    client = api(supervisor)
    assert client.get(f"{LIST}{inquiry['id']}/").status_code == 200
    assert (
        client.post(f"{LIST}{inquiry['id']}/outcome/", {"outcome": "handled"}, format="json").status_code
        == 403
    )
    assert Inquiry.objects.get().status == InquiryStatus.OPEN


def test_the_transfers_are_the_recipients_alone(api, logged, handler, chief, front_desk):
    transfer = f"/api/v1/transfers/{logged['transfer']}/"
    assert [t["id"] for t in api(handler).get("/api/v1/transfers/").json()["results"]] == [logged["transfer"]]
    assert api(handler).get(transfer).json()["to"] == handler.pk
    # The chief and the first responder see the inquiry, not the handler's transfer inbox.
    for staff in (chief, front_desk):
        assert api(staff).get("/api/v1/transfers/").json()["results"] == []
        assert api(staff).get(transfer).status_code == 404
        assert api(staff).post(f"{transfer}acknowledge/").status_code == 404
    assert Transfer.objects.get().acknowledged_at is None


def test_a_report_transferred_to_a_handler_is_theirs_to_see_and_the_others_still_not(
    api, front_desk, handler, make_staff
):
    report = (
        api(front_desk)
        .post(LIST, payload(front_desk, kind="report", subject="举报窗口人员收受好处"), format="json")
        .json()
    )
    colleague = make_staff(Role.HANDLER, name="同科室经办人")
    assert api(handler).get(f"{LIST}{report['id']}/").status_code == 404
    api(front_desk).post(
        f"{LIST}{report['id']}/outcome/", {"outcome": "transfer", "transfer_to": handler.pk}, format="json"
    )
    seen = api(handler).get(f"{LIST}{report['id']}/")
    assert seen.status_code == 200
    assert seen.json()["visitor_phone"] == "13812345678"  # the handler must call the reporter back
    assert api(colleague).get(f"{LIST}{report['id']}/").status_code == 404
