"""Who may comes before what is sent and what state the object is in: a role
that may not act hears 403, whatever its body and whatever the state."""

import json

import pytest

BAD_BODIES = ["[]", "null", '"x"']

# (login, path under /api/v1/ with {resource} ids, a body the endpoint would refuse as bad input)
REFUSED = [
    ("admin", "cases/", {"kind": "instruction"}),
    ("admin", "cases/", {"service_item": "nonsense"}),
    ("supervisor", "cases/{cases}/extensions/", {}),
    ("supervisor", "extensions/{extensions}/approve/", {"note": {"not": "text"}}),
    ("supervisor", "extensions/{extensions}/reject/", {"note": {"not": "text"}}),
    ("supervisor", "notices/{notices}/visits/", {"brought": "x"}),
    ("supervisor", "notices/{notices}/open-case/", {}),
    ("supervisor", "inquiries/{inquiries}/outcome/", {"outcome": "nonsense"}),
    ("admin", "notices/", {"kind": "nonsense"}),
    ("handler", "breaches/", {"staff": "nonsense"}),
    ("handler", "breaches/{breaches}/decide/", {"outcome": "nonsense"}),
    ("handler", "complaints/{complaints}/decline/", {"reason": ""}),
    ("handler", "complaints/{complaints}/answer/", {"upheld": "maybe"}),
    ("handler", "accountability-records/{accountability-records}/decide/", {"outcome": "nonsense"}),
    ("handler", "accountability-records/{accountability-records}/decide-appeal/", {"uphold": "x"}),
    ("handler", "follow-ups/{follow-ups}/call-back/", {"note": {"not": "text"}}),
    ("supervisor", "follow-ups/{follow-ups}/fix/", {"note": ""}),
    ("supervisor", "follow-ups/{follow-ups}/appeal/", {"reason": ""}),
    ("chief", "follow-ups/{follow-ups}/decide-appeal/", {"uphold": "x"}),
    # Staff do not rate (rule 8), whatever the token and level.
    ("handler", "ratings/", {"token": "x", "level": 9}),
    ("supervisor", "ratings/", {"token": "x", "level": 9}),
]


@pytest.mark.parametrize(("login", "path", "body"), REFUSED)
def test_a_role_that_may_not_act_is_refused_whatever_it_sends(api, bureau, objects, login, path, body):
    client = api(bureau[login])
    url = "/api/v1/" + path.format(**objects)
    for sent in [json.dumps(body), *BAD_BODIES]:
        response = client.post(url, data=sent, content_type="application/json")
        assert response.status_code == 403, (url, sent, response.status_code, response.content[:200])


def test_the_supervisor_is_refused_on_a_notice_not_ready_for_a_case(api, bureau, objects):
    """The notice is still open (409 for who may act); the supervisor may not act at all."""
    response = api(bureau["supervisor"]).post(f"/api/v1/notices/{objects['notices']}/open-case/", {})
    assert response.status_code == 403


def test_who_may_act_still_hears_409_on_a_notice_not_ready(api, bureau, objects):
    from notifications.models import Notice

    notice = Notice.objects.select_related("issued_by__user").get(pk=objects["notices"])
    response = api(notice.issued_by).post(f"/api/v1/notices/{notice.pk}/open-case/", {}, format="json")
    assert response.status_code == 409, response.content
