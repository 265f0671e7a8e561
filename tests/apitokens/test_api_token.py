"""POST /api/v1/auth/token/: a knox token, stored as a hash, that expires;
a locked account is told so (429), in the caller's language."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from knox.crypto import hash_token

from apitokens.models import ApiToken
from audit.models import AuditEvent
from tests.factories import PASSWORD

TOKEN = "/api/v1/auth/token/"


@pytest.fixture(autouse=True)
def _axes_on_and_fresh_counters(settings):
    settings.AXES_ENABLED = True
    cache.clear()
    yield
    cache.clear()


def obtain(client, username, password, **extra):
    return client.post(TOKEN, {"username": username, "password": password, **extra}, format="json")


def test_the_right_password_gets_a_token_that_opens_the_api(api, handler):
    response = obtain(api(), handler.user.username, PASSWORD, name="报表系统")
    assert response.status_code == 200
    token = response.json()["token"]
    client = api()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get("/api/v1/departments/").status_code == 200


def test_only_a_hash_is_stored_with_a_name_and_an_expiry(api, handler, settings):
    body = obtain(api(), handler.user.username, PASSWORD, name="报表系统").json()
    token = body["token"]
    row = ApiToken.objects.get(user=handler.user)
    # In the bureau's time, as every date of the API.
    assert body["expiry"].endswith("+08:00")
    assert datetime.fromisoformat(body["expiry"]) == row.expiry
    assert row.digest == hash_token(token)
    assert token not in {row.digest, row.token_key, row.name}
    assert row.name == "报表系统"
    ttl = settings.REST_KNOX["TOKEN_TTL"]
    assert timezone.now() + ttl - timedelta(minutes=1) < row.expiry <= timezone.now() + ttl
    event = AuditEvent.objects.get(verb="api_token.create")
    assert event.actor == handler.user
    assert row.digest not in str(event.after) and token not in str(event.after)


def test_an_expired_token_is_refused(api, handler, settings):
    token = obtain(api(), handler.user.username, PASSWORD).json()["token"]
    client = api()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    with time_machine.travel(timezone.now() + settings.REST_KNOX["TOKEN_TTL"] + timedelta(minutes=1)):
        assert client.get("/api/v1/departments/").status_code == 401


def test_a_wrong_password_is_400_and_gets_no_token(api, handler):
    response = obtain(api(), handler.user.username, "guess")
    assert response.status_code == 400
    assert "token" not in response.json()
    assert not ApiToken.objects.exists()


def test_only_post(api, db):
    assert api().get(TOKEN).status_code == 405


def test_a_locked_account_is_429_with_the_wait_even_with_the_right_password(api, handler):
    client = api()
    for _ in range(4):
        assert obtain(client, handler.user.username, "guess").status_code == 400
    # The fifth failure locks, and says so at once.
    assert obtain(client, handler.user.username, "guess").status_code == 429
    response = obtain(client, handler.user.username, PASSWORD)
    assert response.status_code == 429
    assert response["Retry-After"] == str(15 * 60)
    body = response.json()
    assert "token" not in body
    assert body["detail"] == "登录失败次数过多：此账号在当前地址已被锁定 15 分钟。"
    assert not ApiToken.objects.exists()


def test_the_lockout_speaks_the_callers_language(api, handler):
    client = api()
    for _ in range(5):
        obtain(client, handler.user.username, "guess")
    response = client.post(
        TOKEN, {"username": handler.user.username, "password": PASSWORD}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 429
    assert "locked from this address for 15 minutes" in response.json()["detail"]


def test_a_token_costs_one_query_per_request_and_writes_nothing(api, handler):
    client = api(handler)
    ApiToken.objects.create(user=handler.user, name="另一个", expiry=timedelta(seconds=-1))  # expired, kept
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/api/v1/departments/").status_code == 200
    touching = [q["sql"] for q in queries.captured_queries if "apitokens_apitoken" in q["sql"]]
    assert len(touching) == 1 and touching[0].startswith("SELECT")
    assert ApiToken.objects.filter(user=handler.user).count() == 2
