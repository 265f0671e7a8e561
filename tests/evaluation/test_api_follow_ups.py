"""Follow-ups of poor ratings in the API: ``follow-ups/`` and its
``call-back|fix|appeal|decide-appeal/`` actions."""

# ruff: noqa: F811  (the fixtures imported from follow_ups_made are taken as arguments)

import pytest
import time_machine
from rest_framework.test import APIClient

from audit.models import AuditEvent
from evaluation.models import FollowUpStatus, Rating
from evaluation.services import follow_up_appeal, follow_up_call_back
from tests.evaluation.conftest import at
from tests.evaluation.follow_ups_made import follow_up, other_follow_up, second_follow_up, slow  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db

LIST = "/api/v1/follow-ups/"


def action_url(follow_up, name):
    return f"{LIST}{follow_up.pk}/{name}/"


@pytest.fixture(autouse=True)
def today():
    # Mon 2026-12-14: the follow-ups of Fri 12-04 were due Fri 12-11.
    with time_machine.travel(at(2026, 12, 14), tick=False):
        yield


def ids(response) -> set[int]:
    return {row["id"] for row in response.json()["results"]}


def test_the_chief_lists_their_sections_follow_ups_masked(
    api,
    chief,
    follow_up,
    second_follow_up,
    other_follow_up,
):
    response = api(chief).get(LIST)
    assert response.status_code == 200
    assert ids(response) == {follow_up.pk, second_follow_up.pk}
    row = next(row for row in response.json()["results"] if row["id"] == follow_up.pk)
    assert row["applicant_phone"] == "138****5678"
    assert (row["level"], row["tags"], row["status"], row["late"], row["appeal"], row["grade"]) == (
        1,
        ["办事效率低"],
        "open",
        True,
        None,
        None,
    )
    assert not AuditEvent.objects.filter(verb="personal_data.viewed").exists()


def test_the_supervisor_filters_by_section_status_and_late(
    api,
    chief,
    supervisor,
    follow_up,
    other_follow_up,
    other_department,
):
    follow_up_call_back(actor=chief.user, follow_up=follow_up, note="已回访")
    client = api(supervisor)
    assert ids(client.get(LIST)) == {follow_up.pk, other_follow_up.pk}
    assert ids(client.get(LIST, {"department": other_department.pk})) == {other_follow_up.pk}
    assert ids(client.get(LIST, {"status": "called"})) == {follow_up.pk}
    assert ids(client.get(LIST, {"status": "pending"})) == {follow_up.pk, other_follow_up.pk}
    assert ids(client.get(LIST, {"late": "true"})) == {follow_up.pk, other_follow_up.pk}
    with time_machine.travel(at(2026, 12, 10), tick=False):
        assert ids(client.get(LIST, {"late": "false"})) == {follow_up.pk, other_follow_up.pk}
    assert client.get(LIST, {"status": "nonsense"}).status_code == 400


def test_the_chief_reads_one_with_the_phone_and_the_sight_is_logged(api, chief, follow_up):
    response = api(chief).get(f"{LIST}{follow_up.pk}/")
    assert response.status_code == 200 and response.json()["applicant_phone"] == "13812345678"
    event = AuditEvent.objects.get(verb="personal_data.viewed")
    assert (event.actor, event.subject_id) == (chief.user, str(follow_up.rating.case_id))


def test_the_supervisor_reads_one_masked(api, supervisor, follow_up):
    response = api(supervisor).get(f"{LIST}{follow_up.pk}/")
    assert response.json()["applicant_phone"] == "138****5678"
    assert not AuditEvent.objects.filter(verb="personal_data.viewed").exists()


def test_the_chief_calls_back_and_fixes(api, chief, follow_up):
    client = api(chief)
    response = client.post(action_url(follow_up, "call-back"), {"note": "已致电致歉"}, format="json")
    assert response.status_code == 200 and response.json()["call_note"] == "已致电致歉"
    response = client.post(action_url(follow_up, "fix"), {"note": "增设引导员"}, format="json")
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["late"]) == ("fixed", False)


def test_a_note_is_required_and_steps_go_in_order(api, chief, follow_up):
    client = api(chief)
    assert client.post(action_url(follow_up, "call-back"), {"note": ""}, format="json").status_code == 400
    assert client.post(action_url(follow_up, "fix"), {"note": "先整改"}, format="json").status_code == 409
    client.post(action_url(follow_up, "call-back"), {"note": "第一次"}, format="json")
    assert (
        client.post(action_url(follow_up, "call-back"), {"note": "第二次"}, format="json").status_code == 409
    )
    follow_up.refresh_from_db()
    assert follow_up.call_note == "第一次"


def test_the_chief_appeals_and_a_supervisor_upholds_it(api, chief, supervisor, follow_up):
    response = api(chief).post(action_url(follow_up, "appeal"), {"reason": "恶意差评"}, format="json")
    assert response.status_code == 200 and response.json()["appeal"] == "filed"
    again = api(chief).post(action_url(follow_up, "appeal"), {"reason": "再申诉"}, format="json")
    assert again.status_code == 409
    decided = api(supervisor).post(
        action_url(follow_up, "decide-appeal"), {"uphold": True, "opinion": "经核实系恶意评价"}, format="json"
    )
    body = decided.json()
    assert decided.status_code == 200
    assert (body["appeal"], body["status"], body["excluded"], body["appeal_decided_by"]) == (
        "upheld",
        "excluded",
        True,
        supervisor.pk,
    )
    assert Rating.objects.get(pk=follow_up.rating_id).excluded


def test_deciding_with_no_appeal_waiting_is_a_conflict(api, supervisor, follow_up):
    response = api(supervisor).post(
        action_url(follow_up, "decide-appeal"), {"uphold": False, "opinion": "x"}, format="json"
    )
    assert response.status_code == 409


def test_roles_that_may_not_act_are_refused_before_the_body(
    api,
    handler,
    chief,
    supervisor,
    follow_up,
):
    follow_up_appeal(actor=chief.user, follow_up=follow_up, reason="恶意差评")
    assert api(handler).get(LIST).status_code == 403
    assert api(handler).get(f"{LIST}{follow_up.pk}/").status_code == 403
    assert api(handler).post(action_url(follow_up, "call-back"), {}, format="json").status_code == 403
    assert (
        api(supervisor)
        .post(action_url(follow_up, "call-back"), "[]", content_type="application/json")
        .status_code
        == 403
    )
    assert (
        api(supervisor).post(action_url(follow_up, "appeal"), {"reason": "x"}, format="json").status_code
        == 403
    )
    # The chief may never decide: refused for a follow-up that does not even exist.
    for target in (action_url(follow_up, "decide-appeal"), f"{LIST}999999/decide-appeal/"):
        assert api(chief).post(target, {"uphold": "x"}, format="json").status_code == 403
    follow_up.refresh_from_db()
    assert follow_up.status == FollowUpStatus.OPEN


def test_another_sections_chief_finds_nothing(api, other_chief, follow_up):
    client = api(other_chief)
    assert client.get(f"{LIST}{follow_up.pk}/").status_code == 404
    assert client.post(action_url(follow_up, "call-back"), {"note": "x"}, format="json").status_code == 404
    assert client.get(LIST).json()["results"] == []


def test_anonymous_is_refused(follow_up):
    client = APIClient()
    assert client.get(LIST).status_code in (401, 403)
    assert client.post(action_url(follow_up, "call-back"), {"note": "x"}, format="json").status_code in (
        401,
        403,
    )


def test_wrong_methods(api, chief, follow_up):
    client = api(chief)
    assert client.post(LIST, {}, format="json").status_code == 405
    assert client.delete(f"{LIST}{follow_up.pk}/").status_code == 405
    assert client.get(action_url(follow_up, "call-back")).status_code == 405


def test_the_list_takes_a_bounded_number_of_queries(
    api,
    supervisor,
    follow_up,
    second_follow_up,
    other_follow_up,
    django_assert_max_num_queries,
):
    client = api(supervisor)
    with django_assert_max_num_queries(12):
        assert client.get(LIST).status_code == 200
