"""What the audit chain costs an audited write, on a trail as long as ten years of a bureau's.

Run from the project folder::

    .venv/bin/python bench/audit_chain.py                          # SQLite, 3,000,000 events
    .venv/bin/python bench/audit_chain.py --database postgres      # PostgreSQL on 127.0.0.1:5432
    .venv/bin/python bench/audit_chain.py --events 200000 --writes 500

It never touches the system's own data: the SQLite run uses
``bench/data/audit.sqlite3`` and the PostgreSQL run the database
``bench_audit`` (created when missing, as the trusted ``postgres`` user).
The database is migrated and filled with a chained trail of the requested
number of events (hashes computed here, rows written with one prepared
INSERT by ``executemany`` on SQLite or with ``COPY`` on PostgreSQL), unless
it holds exactly that many already. After measuring, the rows written are
deleted and the chain's head put back, so a second run measures the same.

What is measured, each write in its own committed transaction as a service
writes it, the two kinds interleaved in rounds so that drift hits both:

a. one audited write: ``record_event`` (the chain: lock the head, hash,
   insert, move the head) against the same row inserted as before the chain
   (the model's plain INSERT, no head, no hash);
b. a batch of 100 events: ``record_events`` against the plain
   ``bulk_create`` of the same rows, per event;
c. ``verify_chain()`` over the whole trail, in events per second, and the
   process's peak memory.
"""

import argparse
import json
import os
import random
import resource
import statistics
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from time import perf_counter

PROJECT = Path(__file__).resolve().parent.parent
DATA = PROJECT / "bench" / "data"
SQLITE_FILE = DATA / "audit.sqlite3"
PG_SERVER = "postgres://postgres@127.0.0.1:5432"
PG_DATABASE = "bench_audit"
META_TABLE = "bench_audit_meta"
CHUNK = 20_000
BATCH = 100
COLUMNS = (
    "seq", "prev_hash", "at", "actor_id", "acting_for_id", "verb", "subject_type_id", "subject_id",
    "subject_repr", "before", "after", "reason", "hash",
)  # fmt: skip
VERBS = [
    ("case.open", None, {"status": "received"}),
    ("case.start", {"status": "received"}, {"status": "in_progress"}),
    ("case.complete", {"status": "in_progress"}, {"status": "completed", "completed_on": "2026-11-20"}),
    ("inquiry.log", None, {"channel": "window", "kind": "application", "asked": [3, 7]}),
    ("notice.issue", None, {"item": "XK-006", "missing": ["申请书", "营业执照副本"]}),
    ("case.overdue", {"overdue": False}, {"overdue": True}),
]


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--events", type=int, default=3_000_000, help="events in the trail (3,000,000)")
    parser.add_argument("--writes", type=int, default=2000, help="audited writes of each kind (2,000)")
    parser.add_argument("--rebuild", action="store_true", help="generate the trail again even if it is there")
    return parser.parse_args(argv)


def configure(database: str) -> None:
    """The environment settings.py reads; set before Django starts, never the system's own database."""
    DATA.mkdir(parents=True, exist_ok=True)
    if database == "sqlite":
        url = f"sqlite:///{SQLITE_FILE}"
    else:
        import psycopg

        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
            if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [PG_DATABASE]).fetchone():
                conn.execute(f"CREATE DATABASE {PG_DATABASE}")
        url = f"{PG_SERVER}/{PG_DATABASE}"
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "efficiency.settings"
    os.environ["DEBUG"] = "1"
    os.environ["SECRET_KEY"] = "bench-only-secret-key-" + "b" * 40
    os.environ["DATA_DIR"] = "bench/data"
    os.environ["ALLOWED_HOSTS"] = "testserver,localhost,127.0.0.1"
    os.environ["HTTPS"] = "0"
    sys.path.insert(0, str(PROJECT))


def check_target(database: str) -> None:
    from django.db import connection

    name = str(connection.settings_dict["NAME"])
    expected = str(SQLITE_FILE) if database == "sqlite" else PG_DATABASE
    if name != expected:
        raise SystemExit(f"refusing to run: the database is {name!r}, not the bench's {expected!r}")


def _execute(sql: str, params=()) -> list:
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall() if cursor.description else []


def read_meta() -> dict:
    from django.db import connection

    if META_TABLE not in connection.introspection.table_names():
        return {}
    return {key: json.loads(value) for key, value in _execute(f"SELECT key, value FROM {META_TABLE}")}


def write_meta(values: dict) -> None:
    _execute(f"CREATE TABLE IF NOT EXISTS {META_TABLE} (key VARCHAR(50) PRIMARY KEY, value TEXT)")
    for key, value in values.items():
        _execute(f"DELETE FROM {META_TABLE} WHERE key = %s", [key])
        _execute(f"INSERT INTO {META_TABLE} (key, value) VALUES (%s, %s)", [key, json.dumps(value)])


def fixtures():
    """The actor and the subject every measured event names (plain rows)."""
    from django.contrib.auth import get_user_model

    from org.models import Department

    user, _created = get_user_model().objects.get_or_create(username="bench-audit")
    department, _created = Department.objects.get_or_create(code="bench", defaults={"name": "测试科"})
    return user, department


def load(count: int, log) -> dict:
    """A chained trail of ``count`` events over ten years, written in chunks."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction

    from audit.chain import GENESIS_HASH, event_hash
    from audit.models import AuditChainHead, AuditEvent

    if AuditEvent.objects.exists():
        raise SystemExit("the bench database already holds events: run with --rebuild")
    user, department = fixtures()
    subject_type = ContentType.objects.get_for_model(department).pk
    rng = random.Random(20261203)
    start = datetime.now(UTC) - timedelta(days=3653)
    step = timedelta(days=3653) / count
    writer = _copy if connection.vendor == "postgresql" else _executemany
    started = perf_counter()
    previous, rows = GENESIS_HASH, []
    for seq in range(1, count + 1):
        verb, before, after = VERBS[rng.randrange(len(VERBS))]
        values = {
            "seq": seq,
            "prev_hash": previous,
            "at": start + step * seq,
            "actor_id": user.pk if rng.random() < 0.8 else None,
            "acting_for_id": None,
            "verb": verb,
            "subject_type_id": subject_type,
            "subject_id": str(rng.randrange(1, 1_000_000)),
            "subject_repr": f"Q{(start + step * seq):%Y%m%d}{seq % 10000:04d}",
            "before": before,
            "after": after,
            "reason": "材料补正" if rng.random() < 0.1 else "",
        }
        values["hash"] = previous = event_hash(values)
        rows.append(values)
        if len(rows) == CHUNK:
            writer(rows)
            rows = []
            if seq % 500_000 == 0:
                log(f"  {seq:,} events written")
    writer(rows)
    with transaction.atomic():
        AuditChainHead.objects.update_or_create(pk=1, defaults={"seq": count, "hash": previous})
    seconds = perf_counter() - started
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            from django.core.management.color import no_style

            for sql in connection.ops.sequence_reset_sql(no_style(), [AuditEvent]):
                cursor.execute(sql)
            cursor.execute("VACUUM ANALYZE audit_auditevent")
        else:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    log(f"loaded {count:,} chained events in {seconds:.1f} s ({count / seconds:,.0f} events/s)")
    return {"complete": True, "events": count, "load_seconds": round(seconds, 1)}


def _executemany(rows: list[dict]) -> None:
    from django.db import connection, transaction

    def adapt(values):
        row = []
        for column in COLUMNS:
            value = values[column]
            if column == "at":
                value = connection.ops.adapt_datetimefield_value(value)
            elif column in ("before", "after"):
                value = None if value is None else json.dumps(value, ensure_ascii=False)
            row.append(value)
        return row

    placeholders = ", ".join(["%s"] * len(COLUMNS))
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO audit_auditevent ({', '.join(COLUMNS)}) VALUES ({placeholders})",
            [adapt(values) for values in rows],
        )


def _copy(rows: list[dict]) -> None:
    from django.db import connection, transaction

    def cell(column, value):
        if column in ("before", "after") and value is not None:
            return json.dumps(value, ensure_ascii=False)
        return value

    connection.ensure_connection()
    statement = f"COPY audit_auditevent ({', '.join(COLUMNS)}) FROM STDIN"
    with transaction.atomic(), connection.connection.cursor() as cursor, cursor.copy(statement) as copy:
        for values in rows:
            copy.write_row([cell(column, values[column]) for column in COLUMNS])


class Unchained:
    """The write as it was before the chain: the model's own INSERT, no head, no hash.
    Its rows take seqs below zero, out of the chain's way, and are deleted after."""

    def __init__(self):
        self.seq = -1_000_000_000

    def fill(self, event):
        self.seq += 1
        event.seq, event.prev_hash, event.hash = self.seq, "0" * 64, "0" * 64
        return event

    def record_event(self, *, actor, verb, subject, before, after, reason):
        from django.contrib.contenttypes.models import ContentType
        from django.db import models

        from audit.models import AuditEvent

        event = self.fill(
            AuditEvent(
                actor=actor,
                verb=verb,
                subject_type=ContentType.objects.get_for_model(subject, for_concrete_model=False),
                subject_id=str(subject.pk),
                subject_repr=str(subject)[:255],
                before=before,
                after=after,
                reason=reason,
            )
        )
        models.Model.save(event, force_insert=True)

    def record_events(self, specs):
        from django.contrib.contenttypes.models import ContentType
        from django.db.models import QuerySet

        from audit.models import AuditEvent

        rows = [
            self.fill(
                AuditEvent(
                    actor=spec.actor,
                    verb=spec.verb,
                    subject_type=ContentType.objects.get_for_model(spec.subject, for_concrete_model=False),
                    subject_id=str(spec.subject.pk),
                    subject_repr=str(spec.subject)[:255],
                    before=spec.before,
                    after=spec.after,
                    reason=spec.reason,
                )
            )
            for spec in specs
        ]
        QuerySet(AuditEvent).bulk_create(rows)


def measure(writes: int, log) -> dict:
    from django.db import transaction

    from audit.services import EventSpec, record_event, record_events

    user, department = fixtures()
    unchained = Unchained()
    before, after = {"status": "received"}, {"status": "in_progress", "due": "2026-12-20"}

    def one(write):
        with transaction.atomic():
            write(actor=user, verb="case.start", subject=department, before=before, after=after, reason="")

    def batch(write):
        specs = [EventSpec(verb="case.overdue", subject=department, before=before, after=after)] * BATCH
        with transaction.atomic():
            write(specs)

    kinds = {
        "record_event, chained": (one, record_event, 1),
        "record_event, as before the chain": (one, unchained.record_event, 1),
        f"record_events of {BATCH}, chained": (batch, record_events, BATCH),
        f"bulk_create of {BATCH}, as before the chain": (batch, unchained.record_events, BATCH),
    }
    times = {name: [] for name in kinds}
    rounds, per_round = 20, max(writes // 20, 1)
    for number in range(rounds):
        for name, (shape, write, _events) in kinds.items():
            count = per_round if shape is one else max(per_round // BATCH, 1)
            for _ in range(count):
                started = perf_counter()
                shape(write)
                times[name].append(perf_counter() - started)
        if number % 5 == 4:
            log(f"  round {number + 1} of {rounds}")
    return {
        name: {
            "writes": len(values),
            "events_per_write": kinds[name][2],
            "median_ms_per_event": statistics.median(values) * 1000 / kinds[name][2],
            "mean_ms_per_event": statistics.fmean(values) * 1000 / kinds[name][2],
        }
        for name, values in times.items()
    }


def restore(meta: dict) -> None:
    from django.db import connection

    # Raw SQL: AuditEvent's manager refuses deletes, rightly; this is the bench's own database.
    _execute("DELETE FROM audit_auditevent WHERE seq < 1 OR seq > %s", [meta["events"]])
    _execute(
        "UPDATE audit_auditchainhead SET seq = %s, hash = %s WHERE id = 1", [meta["events"], meta["hash"]]
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE audit_auditevent, audit_auditchainhead")


def main(argv=None) -> None:
    args = parse_args(argv)
    configure(args.database)

    def log(message: str) -> None:
        print(f"[{datetime.now():%H:%M:%S}] {message}", flush=True)

    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import override_settings

    from audit.chain import verify_chain
    from audit.models import AuditChainHead

    check_target(args.database)
    call_command("migrate", interactive=False, verbosity=0)
    meta = read_meta()
    if args.rebuild or not meta.get("complete") or meta.get("events") != args.events:
        if meta or args.rebuild:
            _execute("DELETE FROM audit_auditevent")
            _execute("DELETE FROM audit_auditchainhead")
        meta = load(args.events, log)
        meta["hash"] = AuditChainHead.objects.get(pk=1).hash
        write_meta(meta)
    else:
        log(f"reusing the bench database: {args.events:,} chained events")
    restore(meta)
    log(f"database: {args.database}; {os.cpu_count()} cores; {args.writes:,} writes of each kind")
    with override_settings(DEBUG=False):
        try:
            results = measure(args.writes, log)
        finally:
            restore(meta)
        log("verify_chain over the whole trail")
        started = perf_counter()
        report = verify_chain()
        seconds = perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print()
    print(f"{'measurement':<40}  {'writes':>6}  {'median ms/event':>15}  {'mean ms/event':>13}")
    for name, row in results.items():
        print(
            f"{name:<40}  {row['writes']:>6}  {row['median_ms_per_event']:>15.3f}  "
            f"{row['mean_ms_per_event']:>13.3f}"
        )
    print()
    pairs = [
        ("one audited write", "record_event, chained", "record_event, as before the chain"),
        (
            f"a batch of {BATCH}, per event",
            f"record_events of {BATCH}, chained",
            f"bulk_create of {BATCH}, as before the chain",
        ),
    ]
    ratios = {}
    for label, chained, plain in pairs:
        more = results[chained]["median_ms_per_event"] - results[plain]["median_ms_per_event"]
        ratio = results[chained]["median_ms_per_event"] / results[plain]["median_ms_per_event"]
        ratios[label] = {"ms_more_per_event": more, "ratio": ratio}
        print(f"the chain, {label}: {more:+.3f} ms per event, {ratio:.2f}x")
    verified = f"{report.checked:,} events in {seconds:.1f} s ({report.checked / seconds:,.0f} events/s)"
    print(f"verify_chain: {'whole' if report.ok else report.problem}; {verified}; peak RSS {peak_mb:.0f} MB")
    out = DATA / f"results-audit-{args.database}.json"
    out.write_text(
        json.dumps(
            {
                "args": vars(args),
                "meta": meta,
                "results": results,
                "ratios": ratios,
                "verify": {
                    "ok": report.ok,
                    "checked": report.checked,
                    "seconds": seconds,
                    "peak_mb": peak_mb,
                },
            },
            indent=2,
            ensure_ascii=False,
        )
    )
    log(f"results written to {out.relative_to(PROJECT)}")


if __name__ == "__main__":
    main()
