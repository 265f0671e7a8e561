"""The schema tells the truth: the errors each operation answers, the enums'
values, the bodies of the 400s."""

from tests.api.conftest import schema, write_operations


def _responses(path, method):
    return schema()["paths"][path][method]["responses"]


def test_every_write_declares_its_errors(db):
    for path, _method, operation in write_operations():
        codes = set(operation["responses"])
        if "requestBody" in operation:
            assert "400" in codes, path
        if path != "/api/v1/auth/token/":
            assert {"401", "403"} <= codes, path
        if "{id}" in path:
            assert "404" in codes, path


def test_a_write_a_state_can_refuse_declares_409_with_its_body(db):
    for path in (
        "/api/v1/cases/{id}/start/",
        "/api/v1/cases/{id}/complete/",
        "/api/v1/cases/{id}/extensions/",
        "/api/v1/extensions/{id}/approve/",
        "/api/v1/extensions/{id}/reject/",
        "/api/v1/inquiries/{id}/outcome/",
        "/api/v1/transfers/{id}/acknowledge/",
        "/api/v1/notices/",
        "/api/v1/notices/{id}/visits/",
        "/api/v1/notices/{id}/open-case/",
        "/api/v1/breaches/{id}/decide/",
    ):
        conflict = _responses(path, "post")["409"]
        assert "detail" in conflict["content"]["application/json"]["schema"]["$ref"] or conflict["content"]


def test_an_inquiry_without_an_outcome_says_null_not_an_empty_string(api, bureau, objects):
    inquiry = api(bureau["supervisor"]).get(f"/api/v1/inquiries/{objects['inquiries']}/").json()
    assert inquiry["status"] == "open"
    assert inquiry["outcome"] is None
    assert inquiry["refer_mode"] is None
    fields = schema()["components"]["schemas"]["Inquiry"]["properties"]
    for name in ("outcome", "refer_mode"):
        refs = [part["$ref"] for part in fields[name]["oneOf"]]
        assert "#/components/schemas/NullEnum" in refs, name
        assert "#/components/schemas/BlankEnum" not in refs, name


def test_the_calendars_400_is_the_body_it_declares(api, bureau):
    response = api(bureau["supervisor"]).get("/api/v1/calendar/working-days-between/?start=x&end=2026-01-05")
    assert response.status_code == 400
    assert set(response.json()) == {"start"}
    declared = _responses("/api/v1/calendar/working-days-between/", "get")["400"]["content"][
        "application/json"
    ]
    assert declared["schema"].get("type") == "object"
    assert "required" not in declared["schema"]


def test_an_api_address_that_matches_no_route_is_a_json_404(api, bureau):
    response = api(bureau["supervisor"]).get("/api/v1/cases/0.5/")
    assert response.status_code == 404
    assert response.json() == {"detail": "未找到。"}


def test_a_year_that_is_not_whole_is_bad_input_not_a_server_error(api, bureau):
    response = api(bureau["supervisor"]).get("/api/v1/breaches/?year=0.0")
    assert response.status_code == 400
    assert "year" in response.json()
