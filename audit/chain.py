"""The hash chain over the audit trail.

Every event stores a sequence number, the hash of the event before it and
the hash of its own content (``event_hash``), so an event changed, deleted
or inserted by hand in the database shows as a break when the chain is
walked again (``verify_chain``, run by ``manage.py verify_audit`` and the
daily job). There is one chain, so appends are serialised on one "head" row
(``AuditChainHead``), locked in the transaction that writes the events:
``SELECT ... FOR UPDATE`` on PostgreSQL, the IMMEDIATE transaction itself
on SQLite.

The canonical form below must never change: every stored hash depends on it.
"""

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction

GENESIS_HASH = "0" * 64
HEAD_ID = 1

# The columns a hash covers, in this order.
HASHED_FIELDS = (
    "seq",
    "prev_hash",
    "at",
    "actor_id",
    "acting_for_id",
    "verb",
    "subject_type_id",
    "subject_id",
    "subject_repr",
    "before",
    "after",
    "reason",
)


def _canonical_json(value):
    """A JSON value as the database gives it back: what DjangoJSONEncoder
    writes, and integral floats as integers (PostgreSQL's jsonb prints 1e20
    as 100000000000000000000, which Python reads as an int)."""
    if value is None:
        return None
    plain = json.loads(json.dumps(value, cls=DjangoJSONEncoder))
    return _integral_floats_as_ints(plain)


def _integral_floats_as_ints(value):
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {key: _integral_floats_as_ints(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_integral_floats_as_ints(item) for item in value]
    return value


def event_hash(values: dict) -> str:
    """SHA-256 of an event's content (``HASHED_FIELDS``) in canonical JSON."""
    at = values["at"].astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    subject_id = values["subject_id"]
    content = [
        values["seq"],
        values["prev_hash"],
        at,
        values["actor_id"],
        values["acting_for_id"],
        values["verb"],
        values["subject_type_id"],
        None if subject_id is None else str(subject_id),
        values["subject_repr"],
        _canonical_json(values["before"]),
        _canonical_json(values["after"]),
        values["reason"],
    ]
    text = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def _locked_head(connection) -> tuple[int, str]:
    """The head's seq and hash, the row locked until the transaction ends.

    Plain SQL: the ORM's compiling is most of the cost of a statement this
    small, and this one runs on every audited write."""
    from audit.models import AuditChainHead

    table = connection.ops.quote_name(AuditChainHead._meta.db_table)
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT seq, hash FROM {table} WHERE id = %s{lock}", [HEAD_ID])
        row = cursor.fetchone()
    if row is not None:
        return row
    # A database emptied by hand (or by a test's flush): the chain starts again.
    AuditChainHead.objects.using(connection.alias).get_or_create(
        pk=HEAD_ID, defaults={"seq": 0, "hash": GENESIS_HASH}
    )
    return _locked_head(connection)


def append(events: list, *, using: str = "default") -> None:
    """Give unsaved events their place in the chain; the caller saves them in
    this same transaction (the head row stays locked until it commits)."""
    from audit.models import AuditChainHead

    if not events:
        return
    connection = transaction.get_connection(using)
    if not connection.in_atomic_block:
        raise RuntimeError("audit events are chained inside a transaction")
    seq, previous = _locked_head(connection)
    for event in events:
        seq += 1
        event.seq = seq
        event.prev_hash = previous
        event.hash = event_hash({name: getattr(event, name) for name in HASHED_FIELDS})
        previous = event.hash
    table = connection.ops.quote_name(AuditChainHead._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET seq = %s, hash = %s WHERE id = %s", [seq, previous, HEAD_ID])


@dataclass(frozen=True)
class ChainReport:
    checked: int
    head_seq: int
    head_hash: str
    problem: str = ""  # the first bad event and what is wrong with it; empty when whole

    @property
    def ok(self) -> bool:
        return not self.problem


def _seqs(first: int, last: int) -> str:
    return f"seq {first}" if first == last else f"seq {first}–{last}"


def verify_chain(*, chunk: int = 5000) -> ChainReport:
    """Walk the whole chain in order of seq, ``chunk`` events at a time, and
    name the first event that is not what the system wrote."""
    from audit.models import AuditChainHead, AuditEvent

    head = AuditChainHead.objects.filter(pk=HEAD_ID).values_list("seq", "hash").first()
    head_seq, head_hash = head or (0, GENESIS_HASH)
    events = AuditEvent.objects.order_by("seq")
    columns = ("id", *HASHED_FIELDS, "hash")
    expected_seq, previous, previous_id, checked = 1, GENESIS_HASH, None, 0

    def report(problem=""):
        return ChainReport(checked=checked, head_seq=head_seq, head_hash=head_hash, problem=problem)

    while True:
        # Events appended since the head was read have a seq past it: not checked this time.
        rows = list(events.filter(seq__gte=expected_seq, seq__lte=head_seq).values_list(*columns)[:chunk])
        for row in rows:
            values = dict(zip(columns, row, strict=True))
            seq, event_id = values["seq"], values["id"]
            if seq != expected_seq:
                return report(
                    f"event {_seqs(expected_seq, seq - 1)} missing (deleted) "
                    f"before event seq {seq} (id {event_id})"
                )
            if event_hash(values) != values["hash"]:
                return report(f"event seq {seq} (id {event_id}): content changed")
            if values["prev_hash"] != previous and previous_id is None:
                return report(
                    f"event seq {seq} (id {event_id}): inserted outside the system "
                    "(it does not start the chain)"
                )
            if values["prev_hash"] != previous:
                # This event is as written, so the one before it is not.
                return report(
                    f"event seq {seq - 1} (id {previous_id}): inserted or replaced outside the system, "
                    f"hash chain broken (event seq {seq} does not follow it)"
                )
            previous, previous_id = values["hash"], event_id
            expected_seq += 1
            checked += 1
        if len(rows) < chunk:
            break
    if expected_seq <= head_seq:
        return report(f"event {_seqs(expected_seq, head_seq)} missing (deleted) at the end of the chain")
    if previous != head_hash:
        return report(
            f"event seq {head_seq} (id {previous_id}): inserted or replaced outside the system, "
            "hash chain broken (it is not the last event the system wrote)"
        )
    if head is None:
        first = AuditEvent.objects.order_by("seq").values_list("id", "seq").first()
        if first is not None:
            return report(
                f"the chain's head is missing (deleted), and event seq {first[1]} (id {first[0]}) exists"
            )
        return report()
    # One statement, so it sees the head and the events at the same moment.
    outside = (
        AuditEvent.objects.exclude(
            seq__gte=1, seq__lte=AuditChainHead.objects.filter(pk=HEAD_ID).values("seq")[:1]
        )
        .order_by("seq")
        .values_list("id", "seq")
        .first()
    )
    if outside is not None:
        event_id, seq = outside
        return report(
            f"event seq {seq} (id {event_id}): not in the chain (inserted behind the system's back)"
        )
    return report()
