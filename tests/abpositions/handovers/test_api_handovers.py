"""handovers/ and handovers/{id}/acknowledge/ in the API."""

import pytest

from abpositions.models import HandoverStatus
from abpositions.services_handovers import handover_hand_over

pytestmark = pytest.mark.django_db


def test_the_list_carries_the_matters_with_their_numbers_and_the_notes(api, handover, cases, a_holder, trip):
    from abpositions.models import CoverNote

    CoverNote.objects.create(
        absence=trip,
        subject_type="deadlines.case",
        subject_id=str(cases[2].pk),
        subject_label=cases[2].number,
        author=handover.cover,
        text="申请人电话打不通，等A回来联系",
    )
    response = api(a_holder).get("/api/v1/handovers/", {"staff": a_holder.pk})
    assert response.status_code == 200
    [row] = response.json()["results"]
    assert (row["id"], row["holder"], row["cover"], row["status"]) == (
        handover.pk,
        a_holder.pk,
        handover.cover_id,
        "draft",
    )
    assert [(m["kind"], m["number"]) for m in row["matters"]] == [
        ("case", cases[0].number),
        ("case", cases[1].number),
    ]
    assert [e["verb"] for e in row["matters"][0]["events"]] == ["case.start", "case.complete"]
    assert [n["text"] for n in row["notes"]] == ["申请人电话打不通，等A回来联系"]


def test_the_staff_filter_names_the_a_holder(api, handover, a_holder, b_holder):
    client = api(b_holder)
    assert len(client.get("/api/v1/handovers/", {"staff": a_holder.pk}).json()["results"]) == 1
    assert client.get("/api/v1/handovers/", {"staff": b_holder.pk}).json()["results"] == []


def test_a_acknowledges_once_handed_over(api, handover, a_holder, b_holder):
    client = api(a_holder)
    assert client.post(f"/api/v1/handovers/{handover.pk}/acknowledge/").status_code == 409
    handover_hand_over(actor=b_holder.user, handover=handover, remarks="")
    response = client.post(f"/api/v1/handovers/{handover.pk}/acknowledge/")
    assert response.status_code == 200
    assert response.json()["status"] == HandoverStatus.ACKNOWLEDGED
    assert client.post(f"/api/v1/handovers/{handover.pk}/acknowledge/").status_code == 409


def test_the_cover_and_the_chief_may_not_acknowledge(api, handover, b_holder, chief):
    handover_hand_over(actor=b_holder.user, handover=handover, remarks="")
    for someone in (b_holder, chief):
        assert api(someone).post(f"/api/v1/handovers/{handover.pk}/acknowledge/").status_code == 403


def test_anonymous_is_refused(api, handover):
    assert api().get("/api/v1/handovers/").status_code == 401
    assert api().post(f"/api/v1/handovers/{handover.pk}/acknowledge/").status_code == 401


def test_wrong_method(api, handover, a_holder):
    assert api(a_holder).get(f"/api/v1/handovers/{handover.pk}/acknowledge/").status_code == 405
    assert api(a_holder).delete(f"/api/v1/handovers/{handover.pk}/").status_code == 405


def test_the_chief_of_another_section_and_a_colleague_see_nothing(api, handover, other_chief, handler):
    for outsider in (other_chief, handler):
        client = api(outsider)
        assert client.get("/api/v1/handovers/").json()["results"] == []
        assert client.get(f"/api/v1/handovers/{handover.pk}/").status_code == 404
        assert client.post(f"/api/v1/handovers/{handover.pk}/acknowledge/").status_code == 404


def test_the_list_costs_the_same_queries_for_many(
    api, handover, a_holder, b_holder, away, cases, django_assert_max_num_queries
):
    import time_machine

    from abpositions.services_handovers import handover_draw_up
    from tests.abpositions.conftest import at
    from tests.abpositions.handovers.conftest import acted

    for day in (14, 15, 16):
        absence = away(a_holder, f"2026-12-{day} 09:00", f"2026-12-{day} 18:00")
        acted(b_holder, a_holder, cases[2], f"2026-12-{day} 10:00")
        with time_machine.travel(at(f"2026-12-{day} 19:00"), tick=False):
            handover_draw_up(absence=absence)
    client = api(a_holder)
    with django_assert_max_num_queries(12):
        response = client.get("/api/v1/handovers/")
    assert len(response.json()["results"]) == 4
