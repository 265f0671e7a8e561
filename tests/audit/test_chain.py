"""The hash chain: every writer chains, and verify_audit names the first event
changed, deleted or inserted with raw SQL behind the system's back."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.utils import timezone

from audit.chain import GENESIS_HASH, HASHED_FIELDS, event_hash, verify_chain
from audit.models import AuditChainHead, AuditEvent
from audit.services import record_event
from core.models import JobRun


def _sql(statement, params=()):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def _verify_fails_with(text):
    with pytest.raises(CommandError) as raised:
        call_command("verify_audit")
    assert text in str(raised.value)
    return str(raised.value)


def test_every_writer_chains_its_events_in_one_sequence(trail):
    assert [event.seq for event in trail] == [1, 2, 3, 4, 5, 6]
    assert trail[0].prev_hash == GENESIS_HASH
    for previous, event in zip(trail, trail[1:], strict=False):
        assert event.prev_hash == previous.hash
    head = AuditChainHead.objects.get()
    assert (head.seq, head.hash) == (6, trail[-1].hash)


def test_an_untouched_trail_verifies_and_the_pass_is_recorded(trail, capsys):
    call_command("verify_audit")
    assert "audit chain whole: 6 events verified" in capsys.readouterr().out
    run = JobRun.objects.get(name="verify_audit")
    assert run.last_ok is True


def test_a_rolled_back_change_leaves_the_chain_whole(trail, department):
    with pytest.raises(RuntimeError), transaction.atomic():
        record_event(actor=None, verb="department.rename", subject=department)
        raise RuntimeError("the change failed")
    with transaction.atomic():
        event = record_event(actor=None, verb="department.rename", subject=department)
    assert event.seq == 7
    assert verify_chain().ok


def test_an_edited_row_is_named(trail):
    _sql("UPDATE audit_auditevent SET reason = %s WHERE id = %s", ["", trail[0].id])
    message = _verify_fails_with(f"event seq 1 (id {trail[0].id}): content changed")
    assert "audit chain broken" in message
    run = JobRun.objects.get(name="verify_audit")
    assert run.last_ok is False
    assert "seq 1" in run.last_summary


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("after", '{"x": 2}'),
        ("before", None),
        ("at", "2020-01-01 00:00:00"),
        ("actor_id", None),
        ("subject_id", "999"),
        ("verb", "x.forged"),
    ],
)
def test_an_edit_of_any_column_is_named(trail, column, value):
    _sql(f"UPDATE audit_auditevent SET {column} = %s WHERE id = %s", [value, trail[1].id])
    _verify_fails_with(f"event seq 2 (id {trail[1].id}): content changed")


def test_an_edited_row_with_its_hash_recomputed_is_named_as_replaced(trail):
    event = trail[2]
    values = {name: getattr(event, name) for name in HASHED_FIELDS} | {"reason": "改过"}
    _sql(
        "UPDATE audit_auditevent SET reason = %s, hash = %s WHERE id = %s",
        ["改过", event_hash(values), event.id],
    )
    _verify_fails_with(f"event seq 3 (id {event.id}): inserted or replaced outside the system")


def test_a_deleted_row_is_named(trail):
    _sql("DELETE FROM audit_auditevent WHERE id = %s", [trail[3].id])
    _verify_fails_with(f"event seq 4 missing (deleted) before event seq 5 (id {trail[4].id})")


def test_deleted_rows_at_the_end_are_named(trail):
    _sql("DELETE FROM audit_auditevent WHERE seq >= 5")
    _verify_fails_with("event seq 5–6 missing (deleted) at the end of the chain")


def _insert(values):
    columns = ", ".join(values)
    marks = ", ".join(["%s"] * len(values))
    _sql(f"INSERT INTO audit_auditevent ({columns}) VALUES ({marks})", list(values.values()))
    return AuditEvent.objects.get(seq=values["seq"]).id


def _forged(after_event, *, seq):
    values = {
        "seq": seq,
        "prev_hash": after_event.hash,
        "at": timezone.now(),
        "actor_id": None,
        "acting_for_id": None,
        "verb": "case.complete",
        "subject_type_id": after_event.subject_type_id,
        "subject_id": "1",
        "subject_repr": "伪造",
        "before": None,
        "after": None,
        "reason": "",
    }
    values["hash"] = event_hash(values)
    return values


def test_a_row_inserted_after_the_last_is_named_even_with_a_valid_hash(trail):
    inserted = _insert(_forged(trail[-1], seq=7))
    _verify_fails_with(f"event seq 7 (id {inserted}): not in the chain (inserted behind the system's back)")


def test_a_row_inserted_in_place_of_a_deleted_one_is_named(trail):
    _sql("DELETE FROM audit_auditevent WHERE id = %s", [trail[3].id])
    inserted = _insert(_forged(trail[2], seq=4))
    _verify_fails_with(f"event seq 4 (id {inserted}): inserted or replaced outside the system")


def test_a_row_inserted_before_the_first_is_named(trail):
    inserted = _insert(_forged(trail[0], seq=0))
    _verify_fails_with(f"event seq 0 (id {inserted}): not in the chain")


def test_verification_walks_the_chain_in_chunks(trail):
    assert verify_chain(chunk=2).checked == 6
    _sql("UPDATE audit_auditevent SET reason = %s WHERE id = %s", ["x", trail[4].id])
    report = verify_chain(chunk=2)
    assert (report.checked, report.ok) == (4, False)
    assert "seq 5" in report.problem


def test_an_empty_trail_verifies(db):
    assert verify_chain().ok


def test_healthz_shows_administrators_when_the_chain_last_passed_and_when_it_failed(
    trail, client, login, administrator
):
    call_command("verify_audit")
    assert client.get("/healthz").json()["checks"]["audit_chain"] == "ok"
    login(administrator)
    check = client.get("/healthz").json()["checks"]["audit_chain"]
    assert check["ok"] is True
    assert check["detail"].startswith("passed at ")
    assert "6 events verified" in check["detail"]
    _sql("DELETE FROM audit_auditevent WHERE id = %s", [trail[1].id])
    with pytest.raises(CommandError):
        call_command("verify_audit")
    response = client.get("/healthz")
    assert response.status_code == 200  # the system still works; the trail needs a look
    check = response.json()["checks"]["audit_chain"]
    assert check["ok"] is False
    assert "event seq 2 missing (deleted)" in check["detail"]
    client.logout()
    assert client.get("/healthz").json()["checks"]["audit_chain"] == "error"
    assert b"seq 2" not in client.get("/healthz").content


def test_verification_is_a_daily_job():
    from core.jobs import registry

    assert registry.get("verify_audit").schedule.hour == {2}
