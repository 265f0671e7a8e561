import importlib
from types import SimpleNamespace

from django.db import connection
from django.db.migrations.loader import MigrationLoader

from audit.chain import verify_chain

chain_migration = importlib.import_module("audit.migrations.0003_chain_existing_events")


def test_events_written_before_the_chain_are_chained_in_id_order(trail, monkeypatch):
    # As they stood before the chain: no seq (here below zero, the column is
    # required now), no hashes, and the head not yet made.
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET seq = -id, prev_hash = '', hash = ''")
        cursor.execute("DELETE FROM audit_auditchainhead")
    assert not verify_chain().ok
    apps = MigrationLoader(connection).project_state(("audit", "0002_chain_fields")).apps
    monkeypatch.setattr(chain_migration, "CHUNK", 4)  # more than one chunk
    chain_migration.chain_existing(apps, SimpleNamespace(connection=connection))
    report = verify_chain()
    assert (report.ok, report.checked) == (True, 6), report.problem
    ids = [event.id for event in trail]
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM audit_auditevent ORDER BY seq")
        assert [row[0] for row in cursor.fetchall()] == sorted(ids)
