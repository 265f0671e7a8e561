import re

import pytest
from django.contrib.auth import get_user_model


@pytest.mark.parametrize("path", ["/api/v1/departments/", "/api/v1/staff/"])
def test_no_credentials_is_401(api, db, path):
    assert api().get(path).status_code == 401


@pytest.mark.parametrize("path", ["/api/v1/departments/", "/api/v1/staff/"])
def test_a_user_who_is_not_staff_is_403(db, path):
    from rest_framework.test import APIClient

    from apitokens.models import ApiToken

    user = get_user_model().objects.create_user("outsider", password="x-pass-2026")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {ApiToken.objects.create(user=user, name='tests')[1]}")
    assert client.get(path).status_code == 403


def test_staff_object_has_the_promised_fields(api, handler, chief):
    response = api(handler).get("/api/v1/staff/", {"role": "section_chief"})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    (item,) = body["results"]
    assert {"id", "name", "department", "rank", "roles"} <= set(item)
    assert item["name"] == "科长李红"
    assert item["roles"] == ["handler", "section_chief"]
    assert item["rank"] == 6


def test_org_api_is_read_only(api, administrator, department):
    response = api(administrator).post("/api/v1/departments/", {"name": "新科室", "code": "new"})
    assert response.status_code == 405


def test_lists_are_paginated_and_filterable(api, handler, department, other_department):
    body = api(handler).get("/api/v1/departments/", {"code": "market"}).json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert [d["name"] for d in body["results"]] == ["市场监管科"]


def test_staff_list_query_count_is_constant(api, handler, department, django_assert_max_num_queries):
    from tests.factories import StaffFactory

    StaffFactory.create_batch(25, department=department, roles=["handler"])
    client = api(handler)
    with django_assert_max_num_queries(8):
        assert client.get("/api/v1/staff/").status_code == 200


def test_token_login_gives_a_token_and_bad_password_a_400(api, handler, password):
    ok = api().post(
        "/api/v1/auth/token/", {"username": handler.user.username, "password": password}, format="json"
    )
    assert ok.status_code == 200
    token = ok.json()["token"]
    from rest_framework.test import APIClient

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get("/api/v1/departments/").status_code == 200
    bad = api().post(
        "/api/v1/auth/token/", {"username": handler.user.username, "password": "wrong"}, format="json"
    )
    assert bad.status_code == 400
    assert "non_field_errors" in bad.json()


def test_schema_and_docs_are_served_from_our_own_static_files(client, db):
    schema = client.get("/api/schema/")
    assert schema.status_code == 200
    assert b"/api/v1/staff/" in schema.content
    docs = client.get("/api/docs/").content.decode()
    assert "swagger-ui" in docs
    # Nothing fetched from another host (a random token in the page may spell "cdn": look at the links).
    assert not re.search(r"""(?:src|href)\s*=\s*["'](?:https?:)?//""", docs), "an asset from another host"
    assert "jsdelivr" not in docs and "unpkg" not in docs
    assert "/static/drf_spectacular_sidecar/" in docs
