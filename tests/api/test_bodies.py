"""A body that is not a JSON object is bad input on every write: 400, never 500."""

import json

import pytest

from tests.api.conftest import url_of, write_operations

NOT_OBJECTS = ["[]", '"x"', "1", "null", "true"]
# Writes refused to any login (staff do not rate, rule 8): their body is read without one.
WITHOUT_LOGIN = {"/api/v1/ratings/"}


def test_the_schema_has_writes_to_check():
    paths = {path for path, _method, _operation in write_operations()}
    assert {"/api/v1/cases/", "/api/v1/notices/{id}/open-case/", "/api/v1/extensions/{id}/approve/"} <= paths


@pytest.mark.parametrize("body", NOT_OBJECTS)
def test_every_write_answers_400_to_a_body_that_is_not_an_object(api, anyone_may, objects, body):
    client, anonymous = api(anyone_may), api()
    answers = {}
    for path, method, operation in write_operations():
        caller = anonymous if path in WITHOUT_LOGIN else client
        response = getattr(caller, method)(url_of(path, objects), data=body, content_type="application/json")
        answers[f"{method.upper()} {path}"] = response.status_code
        if "requestBody" in operation:
            assert response.status_code == 400, (path, response.status_code, response.content[:300])
        else:
            # A write that takes no body ignores it.
            assert response.status_code < 500, (path, response.status_code)
    assert answers["POST /api/v1/cases/"] == 400


def test_the_400_says_what_is_wrong(api, anyone_may):
    response = api(anyone_may).post("/api/v1/cases/", data="[]", content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"detail": "请求正文必须是由字段组成的 JSON 对象。"}


def test_a_broken_json_body_is_400_too(api, anyone_may, objects):
    response = api(anyone_may).post(
        f"/api/v1/inquiries/{objects['inquiries']}/outcome/", data="{", content_type="application/json"
    )
    assert response.status_code == 400
    assert json.loads(response.content)["detail"]
