"""One rule for the client's address (TRUSTED_PROXIES), for login lockouts
(axes), the API's throttles (DRF) and rate limits (django-ratelimit): a
forged X-Forwarded-For changes nothing, with no proxy or behind one."""

import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.test import RequestFactory
from django_ratelimit.core import is_ratelimited
from rest_framework.test import APIClient

from core.http import client_ip
from tests.factories import PASSWORD

TOKEN = "/api/v1/auth/token/"
PROXY = "10.0.0.1"
VISITOR = "198.51.100.7"
OTHER_VISITOR = "203.0.113.9"


@pytest.fixture(autouse=True)
def _fresh_counters(settings):
    settings.AXES_ENABLED = True
    cache.clear()
    yield
    cache.clear()


def forged(i: int) -> str:
    return f"192.0.2.{i + 1}"


def meta(remote: str, forwarded: str | None) -> dict:
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return extra


def test_with_no_trusted_proxy_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = 0
    request = RequestFactory().get("/", **meta(VISITOR, f"{forged(0)}, {forged(1)}"))
    assert client_ip(request) == VISITOR


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (1, VISITOR, VISITOR),
        (1, f"{forged(0)}, {forged(1)}, {VISITOR}", VISITOR),
        (2, f"{forged(0)}, {VISITOR}, 10.0.0.9", VISITOR),
        # Came past the proxies: counted by its connection.
        (1, None, PROXY),
        (2, VISITOR, PROXY),
    ],
)
def test_behind_proxies_the_entry_the_nearest_proxy_added_counts(settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXIES = proxies
    request = RequestFactory().get("/", **meta(PROXY, forwarded))
    assert client_ip(request) == expected


def _token(remote, forwarded, username="nobody", password="guess"):
    client = APIClient(**meta(remote, forwarded))
    return client.post(TOKEN, {"username": username, "password": password})


def test_no_proxy_a_forged_header_does_not_escape_the_token_throttle(settings, db):
    settings.TRUSTED_PROXIES = 0
    # A new username each time, so that the lockout of one does not answer first.
    for i in range(20):
        assert _token(VISITOR, forged(i), f"guess{i}").status_code == 400
    assert _token(VISITOR, forged(99), "guess99").status_code == 429
    assert _token(OTHER_VISITOR, None).status_code == 400


def test_behind_a_proxy_the_throttle_counts_each_visitor_not_the_proxy(settings, db):
    settings.TRUSTED_PROXIES = 1
    for i in range(20):
        assert _token(PROXY, f"{forged(i)}, {VISITOR}", f"guess{i}").status_code == 400
    assert _token(PROXY, f"{forged(99)}, {VISITOR}", "guess99").status_code == 429
    assert _token(PROXY, OTHER_VISITOR).status_code == 400


def test_no_proxy_a_forged_header_does_not_escape_the_lockout(settings, front_desk):
    settings.TRUSTED_PROXIES = 0
    username = front_desk.user.username
    for i in range(5):
        _token(VISITOR, forged(i), username)
    assert _token(VISITOR, forged(42), username, PASSWORD).status_code == 429
    # The lock is on this address: the owner at another one still gets in.
    assert _token(OTHER_VISITOR, None, username, PASSWORD).status_code == 200


def test_behind_a_proxy_one_visitor_locks_only_themself(settings, front_desk):
    settings.TRUSTED_PROXIES = 1
    username = front_desk.user.username
    for i in range(5):
        _token(PROXY, f"{forged(i)}, {VISITOR}", username)
    assert _token(PROXY, f"{forged(42)}, {VISITOR}", username, PASSWORD).status_code == 429
    assert _token(PROXY, OTHER_VISITOR, username, PASSWORD).status_code == 200


def _limited(remote, forwarded) -> bool:
    request = RequestFactory().post("/track/", **meta(remote, forwarded))
    return is_ratelimited(request, group="test", key="ip", rate="3/m", increment=True)


def test_no_proxy_a_forged_header_does_not_escape_the_rate_limit(settings):
    settings.TRUSTED_PROXIES = 0
    assert [_limited(VISITOR, forged(i)) for i in range(4)] == [False, False, False, True]
    assert not _limited(OTHER_VISITOR, forged(0))


def test_behind_a_proxy_the_rate_limit_counts_each_visitor(settings):
    settings.TRUSTED_PROXIES = 1
    assert [_limited(PROXY, f"{forged(i)}, {VISITOR}") for i in range(4)] == [False, False, False, True]
    assert not _limited(PROXY, OTHER_VISITOR)


def _trusted_proxies(**env):
    """TRUSTED_PROXIES as the settings read it from this environment."""
    full_env = {k: v for k, v in os.environ.items() if k not in {"TRUSTED_PROXIES", "BEHIND_PROXY"}}
    full_env.update(env, DJANGO_SETTINGS_MODULE="efficiency.settings", DEBUG="1")
    return subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.TRUSTED_PROXIES)"],
        cwd=django_settings.BASE_DIR,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("env", "expected"),
    [({}, "0"), ({"BEHIND_PROXY": "1"}, "1"), ({"BEHIND_PROXY": "1", "TRUSTED_PROXIES": "2"}, "2")],
)
def test_the_setting_comes_from_the_environment_and_behind_proxy_means_one(env, expected):
    result = _trusted_proxies(**env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected


def test_a_negative_number_of_proxies_stops_start_up():
    result = _trusted_proxies(TRUSTED_PROXIES="-1")
    assert result.returncode != 0
    assert "TRUSTED_PROXIES must be 0 or more" in result.stderr
