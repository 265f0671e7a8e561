"""Accountability records in the API: ``accountability-records/`` and its
``explain|appeal|decide-appeal|decide|acknowledge/`` actions."""

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from accountability.jobs import accountability_card_red, accountability_collect
from accountability.models import Card, Decision, Measure, Record, RecordStatus
from accountability.services_records import appeal_file, record_decide, record_explain
from deadlines.jobs import flag_overdue
from deadlines.models import Escalation, EscalationStep
from deadlines.services import case_open
from org.roles import Role
from tests.accountability.conftest import at, run_job

pytestmark = pytest.mark.django_db

LIST = "/api/v1/accountability-records/"


def detail_url(record):
    return f"{LIST}{record.pk}/"


def action_url(record, name):
    return f"{LIST}{record.pk}/{name}/"


def collect():
    """The cases received on 12-01 found overdue on Wed 12-16, their records opened that morning."""
    run_job(flag_overdue, at(2026, 12, 16, hour=9))
    run_job(accountability_collect, at(2026, 12, 16, hour=10))


@pytest.fixture
def other_handler(make_staff, other_department):
    return make_staff(Role.HANDLER, department=other_department, name="经办人小刘")


@pytest.fixture
def other_case(make_item, other_department, other_chief, other_handler):
    item = make_item(code="SJ-001", committed_days=10, dept=other_department)
    with time_machine.travel(at(2026, 12, 1), tick=False):
        return case_open(
            actor=other_chief.user,
            service_item=item,
            applicant_name="李女士",
            applicant_phone="13900001111",
            handler=other_handler,
        )


@pytest.fixture
def records(case, other_case, handler, other_handler, supervisor, chief):
    collect()
    return {
        "record": Record.objects.get(staff=handler),
        "other_record": Record.objects.get(staff=other_handler),
    }


@pytest.fixture
def record(records):
    return records["record"]


@pytest.fixture
def other_record(records):
    return records["other_record"]


@pytest.fixture(autouse=True)
def _thursday_17_december(official_calendar):
    """The day after the records were opened (the fixtures travel back to open them)."""
    with time_machine.travel(at(2026, 12, 17), tick=False):
        yield


def explained(record, handler):
    return record_explain(actor=handler.user, record=record, explanation="系统故障导致延误")


def _ids(client, **params):
    response = client.get(LIST, params)
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


# --- reading --------------------------------------------------------------------------------


def test_a_new_record_reads_as_a_yellow_card_undecided_and_unappealed(api, handler, case, department, record):
    response = api(handler).get(detail_url(record))
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["number"] == f"ZR{record.pk:08d}"
    # An overdue case's source row is its overdue step (one per due date), not the case itself.
    step = Escalation.objects.get(case=case, step=EscalationStep.HANDLER)
    assert (body["source"], body["source_id"], body["reference"]) == ("overdue_case", step.pk, case.number)
    assert (body["staff"], body["staff_name"], body["department"]) == (
        handler.pk,
        handler.name,
        department.pk,
    )
    assert (body["card"], body["status"], body["outcome"], body["appeal"]) == ("yellow", "open", None, None)
    assert (body["occurred_on"], body["explain_due"], body["red_due"]) == (
        "2026-12-15",
        "2026-12-18",
        "2026-12-23",
    )
    assert (body["explanation"], body["explained_at"], body["decisions"]) == ("", None, [])
    assert body["summary"]


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        ("handler", {"record"}),
        ("chief", {"record"}),
        ("other_handler", {"other_record"}),
        ("other_chief", {"other_record"}),
        ("supervisor", {"record", "other_record"}),
        ("front_desk", set()),
    ],
)
def test_each_sees_their_own_their_sections_or_every_record(role, sees, request, api, records):
    body = api(request.getfixturevalue(role)).get(LIST).json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert {row["id"] for row in body["results"]} == {records[name].pk for name in sees}


@pytest.mark.parametrize("role", ["other_handler", "other_chief", "front_desk", "administrator"])
def test_a_record_out_of_the_callers_reach_is_404_to_read_and_to_act_on(role, request, api, record):
    client = api(request.getfixturevalue(role))
    assert client.get(detail_url(record)).status_code == 404
    for name, data in [
        ("explain", {"explanation": "说明"}),
        ("appeal", {"reasons": "理由"}),
        ("acknowledge", {}),
    ]:
        assert client.post(action_url(record, name), data, format="json").status_code == 404, name
    # Only supervisors decide: any other role is refused first, whichever record it names.
    for name, data in [
        ("decide", {"outcome": "warning", "findings": "属实"}),
        ("decide-appeal", {"uphold": True, "opinion": "成立"}),
    ]:
        assert client.post(action_url(record, name), data, format="json").status_code == 403, name
    record.refresh_from_db()
    assert (record.status, record.card) == (RecordStatus.OPEN, Card.YELLOW)


def test_without_credentials_everything_is_401(record):
    client = APIClient()
    assert client.get(LIST).status_code == 401
    assert client.get(detail_url(record)).status_code == 401
    assert (
        client.post(action_url(record, "explain"), {"explanation": "说明"}, format="json").status_code == 401
    )
    record.refresh_from_db()
    assert record.status == RecordStatus.OPEN


def test_wrong_methods_are_405(api, supervisor, record):
    client = api(supervisor)
    assert client.post(LIST, {}, format="json").status_code == 405
    assert client.put(detail_url(record), {}, format="json").status_code == 405
    assert client.delete(detail_url(record)).status_code == 405
    for name in ("explain", "appeal", "decide", "decide-appeal", "acknowledge"):
        assert client.get(action_url(record, name)).status_code == 405, name


def test_the_supervisor_filters_the_records(api, supervisor, handler, records, other_department):
    record, other_record = records["record"], records["other_record"]
    record_decide(actor=supervisor.user, record=other_record, outcome="criticism", findings="属实")
    client = api(supervisor)
    assert _ids(client, staff=handler.pk) == {record.pk}
    assert _ids(client, department=other_department.pk) == {other_record.pk}
    assert _ids(client, source="overdue_case") == {record.pk, other_record.pk}
    assert _ids(client, source="complaint") == set()
    assert _ids(client, year=2026) == {record.pk, other_record.pk}
    assert _ids(client, year=2025) == set()
    assert _ids(client, status="decided") == {other_record.pk}
    assert _ids(client, card="yellow") == {record.pk, other_record.pk}
    assert _ids(client, card="red") == set()
    assert _ids(client, card="none") == set()
    with time_machine.travel(at(2026, 12, 24), tick=False):
        run_job(accountability_card_red, at(2026, 12, 24))
        assert _ids(client, card="red") == {record.pk}
    for bad in ({"year": "0.5"}, {"source": "rumour"}, {"card": "green"}, {"staff": "x"}, {"status": "lost"}):
        assert client.get(LIST, bad).status_code == 400, bad


def test_the_list_query_count_does_not_grow(api, supervisor, handler, open_case, records):
    boss, own = api(supervisor), api(handler)
    with CaptureQueriesContext(connection) as two:
        assert boss.get(LIST).json()["count"] == 2
    with CaptureQueriesContext(connection) as one:
        assert own.get(LIST).json()["count"] == 1
    with time_machine.travel(at(2026, 12, 1), tick=False):
        for _ in range(10):
            open_case()
    collect()
    measure = Measure.objects.create(name="诫勉谈话")
    for number, record in enumerate(Record.objects.filter(staff=handler).exclude(pk=records["record"].pk)):
        if number % 3 == 0:
            appeal_file(actor=handler.user, record=record, reasons="系统故障，非本人原因")
        elif number % 3 == 1:
            record_decide(
                actor=supervisor.user, record=record, outcome="other", measure=measure, findings="属实"
            )
            record_decide(
                actor=supervisor.user,
                record=record,
                outcome="criticism",
                findings="属实",
                correction_reason="情节较轻",
            )
    with CaptureQueriesContext(connection) as twelve:
        body = boss.get(LIST).json()
    assert body["count"] == 12
    assert sum(len(row["decisions"]) for row in body["results"]) == 6
    assert {row["appeal"] for row in body["results"]} == {None, "filed"}
    assert len(twelve) == len(two)
    with CaptureQueriesContext(connection) as eleven:
        assert own.get(LIST).json()["count"] == 11
    assert len(eleven) == len(one)


# --- explaining -----------------------------------------------------------------------------


def test_the_person_explains_once(api, handler, record):
    client = api(handler)
    blank = client.post(action_url(record, "explain"), {"explanation": "  "}, format="json")
    assert blank.status_code == 400 and blank.json()["explanation"]
    response = client.post(action_url(record, "explain"), {"explanation": "系统故障导致延误"}, format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["status"], body["explanation"], body["explained_at"]) == (
        "explained",
        "系统故障导致延误",
        "2026-12-17T10:00:00+08:00",
    )
    again = client.post(action_url(record, "explain"), {"explanation": "补充说明"}, format="json")
    assert again.status_code == 409 and again.json()["detail"]


@pytest.mark.parametrize("role", ["chief", "supervisor"])
def test_who_sees_a_persons_record_but_is_not_the_person_may_not_explain_it(role, request, api, record):
    client = api(request.getfixturevalue(role))
    for data in ({"explanation": "代为说明"}, {"explanation": ""}):
        assert client.post(action_url(record, "explain"), data, format="json").status_code == 403
    record.refresh_from_db()
    assert record.status == RecordStatus.OPEN


# --- appealing ------------------------------------------------------------------------------


def test_the_person_appeals_once_and_a_supervisor_upholds_it(api, handler, supervisor, record):
    client = api(handler)
    assert client.post(action_url(record, "appeal"), {"reasons": ""}, format="json").status_code == 400
    response = client.post(action_url(record, "appeal"), {"reasons": "系统故障，非本人原因"}, format="json")
    assert response.status_code == 200, response.content
    assert (response.json()["appeal"], response.json()["card"]) == ("filed", "yellow")
    assert client.post(action_url(record, "appeal"), {"reasons": "再申诉"}, format="json").status_code == 409
    assert (
        client.post(
            action_url(record, "decide-appeal"), {"uphold": True, "opinion": "成立"}, format="json"
        ).status_code
        == 403
    )
    boss = api(supervisor)
    # The appeal comes first: a decision on the record waits for it.
    data = {"outcome": "warning", "findings": "属实"}
    assert boss.post(action_url(record, "decide"), data, format="json").status_code == 409
    assert boss.post(action_url(record, "decide-appeal"), {"uphold": True}, format="json").status_code == 400
    response = boss.post(
        action_url(record, "decide-appeal"), {"uphold": True, "opinion": "系统故障属实"}, format="json"
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["appeal"], body["card"], body["status"], body["outcome"]) == (
        "upheld",
        None,
        "decided",
        "none",
    )
    assert [d["findings"] for d in body["decisions"]] == ["系统故障属实"]
    again = boss.post(
        action_url(record, "decide-appeal"), {"uphold": False, "opinion": "驳回"}, format="json"
    )
    assert again.status_code == 409
    assert _ids(boss, card="none") == {record.pk}


def test_a_dismissed_appeal_leaves_the_card_and_the_record_to_decide(api, handler, supervisor, record):
    appeal_file(actor=handler.user, record=record, reasons="非本人原因")
    response = api(supervisor).post(
        action_url(record, "decide-appeal"), {"uphold": False, "opinion": "超期属实"}, format="json"
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["appeal"], body["card"], body["status"], body["outcome"]) == (
        "dismissed",
        "yellow",
        "open",
        None,
    )


def test_a_decided_record_is_not_appealed(api, handler, supervisor, record):
    record_decide(actor=supervisor.user, record=record, outcome="criticism", findings="属实")
    response = api(handler).post(action_url(record, "appeal"), {"reasons": "不服"}, format="json")
    assert response.status_code == 409
    assert response.json()["detail"]


def test_there_is_no_appeal_to_decide_on_a_record_not_appealed(api, supervisor, record):
    response = api(supervisor).post(
        action_url(record, "decide-appeal"), {"uphold": True, "opinion": "成立"}, format="json"
    )
    assert response.status_code == 409


# --- deciding and correcting ----------------------------------------------------------------


def test_a_supervisor_decides_a_warning_after_the_explanation(api, handler, supervisor, record):
    explained(record, handler)
    response = api(supervisor).post(
        action_url(record, "decide"),
        {"outcome": "warning", "findings": "超期三日，理由不成立"},
        format="json",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["status"], body["outcome"]) == ("decided", "warning")
    (decision,) = body["decisions"]
    assert (
        decision["outcome"],
        decision["findings"],
        decision["decided_by"],
        decision["decided_by_name"],
    ) == (
        "warning",
        "超期三日，理由不成立",
        supervisor.pk,
        supervisor.name,
    )
    assert (decision["supersedes"], decision["correction_reason"], decision["acknowledged_at"]) == (
        None,
        "",
        None,
    )
    assert (decision["measure"], decision["measure_name"]) == (None, None)


def test_a_second_decision_is_a_correction_and_needs_its_reason(api, supervisor, record):
    client = api(supervisor)
    assert (
        client.post(
            action_url(record, "decide"), {"outcome": "warning", "findings": "属实"}, format="json"
        ).status_code
        == 200
    )
    data = {"outcome": "criticism", "findings": "情节较轻"}
    without = client.post(action_url(record, "decide"), data, format="json")
    assert without.status_code == 400 and without.json()["correction_reason"]
    assert Decision.objects.count() == 1
    response = client.post(
        action_url(record, "decide"), {**data, "correction_reason": "复核后改为批评教育"}, format="json"
    )
    assert response.status_code == 200, response.content
    body = response.json()
    first, second = body["decisions"]
    assert body["outcome"] == "criticism"
    assert (first["outcome"], second["outcome"], second["supersedes"]) == (
        "warning",
        "criticism",
        first["id"],
    )
    assert second["correction_reason"] == "复核后改为批评教育"


def test_another_measure_is_named(api, supervisor, record):
    measure = Measure.objects.create(name="调离窗口岗位")
    retired = Measure.objects.create(name="停职检查", active=False)
    client = api(supervisor)
    for data, field in [
        ({"outcome": "other", "findings": "属实"}, "measure"),
        ({"outcome": "other", "findings": "属实", "measure": retired.pk}, "measure"),
        ({"outcome": "dismissal", "findings": "属实"}, "outcome"),
        ({"outcome": "warning", "findings": ""}, "findings"),
    ]:
        response = client.post(action_url(record, "decide"), data, format="json")
        assert response.status_code == 400 and field in response.json(), data
    data = {"outcome": "other", "findings": "多次超期", "measure": measure.pk}
    response = client.post(action_url(record, "decide"), data, format="json")
    assert response.status_code == 200, response.content
    assert (response.json()["decisions"][0]["measure"], response.json()["decisions"][0]["measure_name"]) == (
        measure.pk,
        "调离窗口岗位",
    )


@pytest.mark.parametrize("role", ["handler", "chief"])
def test_only_supervisors_decide_whatever_the_body(role, request, api, record):
    client = api(request.getfixturevalue(role))
    for data in ({"outcome": "warning", "findings": "属实"}, {"outcome": "nonsense"}):
        assert client.post(action_url(record, "decide"), data, format="json").status_code == 403
    assert client.post(action_url(record, "decide-appeal"), {"uphold": "x"}, format="json").status_code == 403
    assert not Decision.objects.exists()


def test_a_supervisor_may_not_decide_their_own_appeal(api, make_staff, supervisor, open_case):
    acting = make_staff(Role.SUPERVISOR, Role.HANDLER, name="监督员兼经办人")
    with time_machine.travel(at(2026, 12, 1), tick=False):
        open_case(handler=acting)
    collect()
    record = Record.objects.get(staff=acting)
    appeal_file(actor=acting.user, record=record, reasons="非本人原因")
    data = {"uphold": True, "opinion": "成立"}
    assert api(acting).post(action_url(record, "decide-appeal"), data, format="json").status_code == 403
    assert api(supervisor).post(action_url(record, "decide-appeal"), data, format="json").status_code == 200


# --- acknowledging --------------------------------------------------------------------------


def test_the_person_acknowledges_the_decision_once(api, handler, chief, supervisor, record):
    client = api(handler)
    undecided = client.post(action_url(record, "acknowledge"), format="json")
    assert undecided.status_code == 409
    record_decide(actor=supervisor.user, record=record, outcome="criticism", findings="属实")
    assert api(chief).post(action_url(record, "acknowledge"), format="json").status_code == 403
    with time_machine.travel(at(2026, 12, 18), tick=False):
        response = client.post(action_url(record, "acknowledge"), format="json")
    assert response.status_code == 200, response.content
    assert response.json()["decisions"][0]["acknowledged_at"] == "2026-12-18T10:00:00+08:00"
    assert client.post(action_url(record, "acknowledge"), format="json").status_code == 409
