import os
import subprocess
import sys

import pytest
from django.conf import settings


def _read(expression, **env):
    full_env = {k: v for k, v in os.environ.items() if k != "API_TOKEN_TTL_DAYS"}
    full_env.update(env, DJANGO_SETTINGS_MODULE="efficiency.settings", DEBUG="1")
    return subprocess.run(
        [sys.executable, "-c", f"from django.conf import settings; print({expression})"],
        cwd=settings.BASE_DIR,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(("env", "days"), [({}, "90"), ({"API_TOKEN_TTL_DAYS": "30"}, "30")])
def test_a_token_lasts_the_days_set_in_the_environment(env, days):
    result = _read("settings.REST_KNOX['TOKEN_TTL'].days", **env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == days


def test_a_token_that_would_never_last_stops_start_up():
    result = _read("settings.DEBUG", API_TOKEN_TTL_DAYS="0")
    assert result.returncode != 0
    assert "API_TOKEN_TTL_DAYS must be 1 or more" in result.stderr
