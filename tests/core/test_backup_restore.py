"""docs/deploy.md's backup, restored into an empty database and a new files
folder, gives back the same cases, audit events and uploaded files."""

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection

from audit.models import AuditEvent
from commitments.services import MaterialSpec, breach_record, service_item_create
from deadlines.models import Case
from deadlines.services import case_open
from tests.factories import catalogue_keeper

ROOT = Path(__file__).resolve().parents[2]
EVIDENCE = b"%PDF-1.4\n% a photo of the counter\n%%EOF\n"

READ_BACK = """
import hashlib, json
from audit.models import AuditEvent
from commitments.models import Breach
from deadlines.models import Case
breach = Breach.objects.get()
print(json.dumps({
    "cases": sorted(Case.objects.values_list("number", flat=True)),
    "events": sorted(AuditEvent.objects.values_list("id", "verb")),
    "file": [breach.evidence_file.name, hashlib.sha256(breach.evidence_file.read()).hexdigest()],
}))
"""


def manage(*arguments, env):
    result = subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


@pytest.fixture
def empty_database_url(tmp_path):
    """A new, empty database of the kind the suite runs on."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    settings_dict = connection.settings_dict
    name = f"{settings_dict['NAME']}_restored"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    password = f":{settings_dict['PASSWORD']}" if settings_dict.get("PASSWORD") else ""
    yield (
        f"postgres://{settings_dict['USER']}{password}@{settings_dict['HOST'] or 'localhost'}:"
        f"{settings_dict['PORT'] or 5432}/{name}"
    )
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.django_db(transaction=True)
def test_a_backup_restored_into_an_empty_database_has_the_same_cases_events_and_files(
    official_calendar, tmp_path, settings, front_desk, handler, supervisor, empty_database_url
):
    settings.MEDIA_ROOT = tmp_path / "media"
    with time_machine.travel(datetime(2026, 11, 10, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        item = service_item_create(
            actor=catalogue_keeper(),
            code="SP-001",
            department=handler.department,
            content={
                "name": "食品经营许可",
                "basis": "《食品安全法》",
                "statutory_days": 20,
                "committed_days": 10,
            },
            materials=[MaterialSpec("申请书")],
        )
        for name in ("王先生", "李女士"):
            case_open(actor=front_desk.user, service_item=item, applicant_name=name, handler=handler)
        breach = breach_record(
            actor=supervisor.user,
            staff=handler,
            occurred_on=datetime(2026, 11, 9).date(),
            promised="承诺当场办结",
            happened="让群众第二天再来",
            evidence_file=SimpleUploadedFile("监控截图.pdf", EVIDENCE),
        )
    call_command("backup", str(tmp_path / "backup"))

    restored_data = tmp_path / "restored"
    env = {**os.environ, "DATABASE_URL": empty_database_url, "DATA_DIR": str(restored_data)}
    manage("restore", str(tmp_path / "backup"), env=env)
    found = json.loads(manage("shell", "--verbosity", "0", "-c", READ_BACK, env=env))

    assert found["cases"] == sorted(Case.objects.values_list("number", flat=True))
    assert len(found["cases"]) == 2
    assert [tuple(event) for event in found["events"]] == sorted(AuditEvent.objects.values_list("id", "verb"))
    assert found["file"][0] == breach.evidence_file.name
    assert (restored_data / "media" / breach.evidence_file.name).read_bytes() == EVIDENCE


def test_a_restore_refuses_a_database_that_is_not_empty(db, tmp_path):
    call_command("backup", str(tmp_path / "backup"))
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(tmp_path / "backup"))


def test_a_backup_never_overwrites_an_earlier_one(db, tmp_path):
    (tmp_path / "backup").mkdir()
    with pytest.raises(CommandError, match="exists already"):
        call_command("backup", str(tmp_path / "backup"))
