import subprocess
import sys
from pathlib import Path

from django.conf import settings

VENV_BIN = Path(sys.executable).parent


def test_apps_keep_the_layers_of_rules_md():
    result = subprocess.run(
        [str(VENV_BIN / "lint-imports")], cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_models_and_migrations_agree(db):
    from django.core.management import call_command

    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
