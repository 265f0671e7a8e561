import os
import subprocess
import sys

from django.conf import settings


def _manage(*args, **env):
    full_env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "HTTPS", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    full_env.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_under_production_settings():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY="a-real-secret-kept-by-the-bureau-" + "k3y" * 12,
        ALLOWED_HOSTS="xiaoneng.bureau.example",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret():
    result = _manage("check", DEBUG="0", SECRET_KEY="")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_makemigrations_needs_no_secret_but_serving_still_does():
    """A fresh clone checks its migrations with no .env; the key signs nothing there."""
    result = _manage("makemigrations", "--check", "--dry-run", DEBUG="0", SECRET_KEY="")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No changes detected" in result.stdout
    refused = _manage("check", DEBUG="0", SECRET_KEY="", EFFICIENCY_OFFLINE_COMMAND="")
    assert "SECRET_KEY must be set" in refused.stderr


def test_a_bad_boolean_stops_start_up_with_its_name():
    result = _manage("check", DEBUG="ture")
    assert result.returncode != 0
    assert "DEBUG must be one of" in result.stderr
