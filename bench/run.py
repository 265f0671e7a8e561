"""Rule 2 benchmark: the overdue jobs and the section chief's list on ten years of cases.

Run from the project folder::

    .venv/bin/python bench/run.py                          # SQLite, 1,000,000 cases
    .venv/bin/python bench/run.py --database postgres      # PostgreSQL on 127.0.0.1:5432
    .venv/bin/python bench/run.py --only list              # only the section list and its cards
    .venv/bin/python bench/run.py --cases 100000 --repeat 3

It never touches the system's own data: the SQLite run uses
``bench/data/bench.sqlite3`` and the PostgreSQL run the database
``bench_efficiency`` (created when missing, as the trusted ``postgres``
user); the broker folder and other files go under ``bench/data/`` too.
The database is migrated, then filled with the requested number of cases
(bench/dataset.py says what they are) unless it holds exactly that many
already, in which case it is reused as it is. After measuring, the data is
put back as it was loaded, so a second run measures the same thing. The
settings are the development ones (``DEBUG=1``), but the timed code runs with
``settings.DEBUG`` off, so that Django does not log (and, on SQLite, re-quote)
every query.

What is measured (bench/measure.py), each several times, median and min:

a. ``deadlines.jobs.flag_overdue()`` on the whole backlog of open, past-due,
   unflagged cases (restored before each run), against two plain-SQL
   baselines: the ``COUNT(*)`` of the same cases and one ``UPDATE`` that
   flags them all; then the next hourly run with nothing to do, and a run
   with one day's new overdue cases, and the plain count in that state.
b. ``escalate_overdue()``: its first run, the runs that drain the backlog,
   and a run with nothing left to do.
c. The section chief's list of the largest section through the test
   client: the open cases (the page's default), all statuses page 1 and
   page 1,000, 20 times each, with the query count and the time spent in
   the database; and its cards' two counts on their own.
d. The query plans (EXPLAIN QUERY PLAN / EXPLAIN) of the job's candidate
   query, the baseline and the list's queries.

The figures are printed as a table and written to
``bench/data/results-<database>.json``.
"""

import argparse
import json
import os
import sys
from datetime import datetime
from pathlib import Path
from time import perf_counter

PROJECT = Path(__file__).resolve().parent.parent
DATA = PROJECT / "bench" / "data"
SQLITE_FILE = DATA / "bench.sqlite3"
PG_SERVER = "postgres://postgres@127.0.0.1:5432"
# Another database may be named (BENCH_PG_DATABASE), so that two people can measure at once.
PG_DATABASE = os.environ.get("BENCH_PG_DATABASE", "bench_efficiency")
META_TABLE = "bench_meta"


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--cases", type=int, default=1_000_000, help="cases in the dataset (default 1,000,000)"
    )
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs of each job measurement (cheap ones run more; default 3)"
    )
    parser.add_argument("--page-repeat", type=int, default=20, help="requests per list page (default 20)")
    parser.add_argument("--rebuild", action="store_true", help="generate the data again even if it is there")
    parser.add_argument(
        "--only", choices=["jobs", "list"], help="measure only the jobs (a, b) or only the list (c)"
    )
    return parser.parse_args(argv)


def configure(database: str) -> None:
    """The environment settings.py reads; set before Django starts, and never the system's own database."""
    DATA.mkdir(parents=True, exist_ok=True)
    if database == "sqlite":
        url = f"sqlite:///{SQLITE_FILE}"
    else:
        _create_pg_database()
        url = f"{PG_SERVER}/{PG_DATABASE}"
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "efficiency.settings"
    os.environ["DEBUG"] = "1"
    os.environ["SECRET_KEY"] = "bench-only-secret-key-" + "b" * 40
    os.environ["DATA_DIR"] = "bench/data"  # the broker folder and static root, away from var/
    os.environ["ALLOWED_HOSTS"] = "testserver,localhost,127.0.0.1"
    os.environ["HTTPS"] = "0"
    os.environ["CELERY_TASK_ALWAYS_EAGER"] = "0"  # messages are queued, as in production
    sys.path.insert(0, str(PROJECT))


def _create_pg_database(drop: bool = False) -> None:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [PG_DATABASE]).fetchone()
        if exists and drop:
            conn.execute(f"DROP DATABASE {PG_DATABASE} WITH (FORCE)")
            exists = None
        if not exists:
            conn.execute(f"CREATE DATABASE {PG_DATABASE}")


def check_target(database: str) -> None:
    from django.db import connection

    name = str(connection.settings_dict["NAME"])
    expected = str(SQLITE_FILE) if database == "sqlite" else PG_DATABASE
    if name != expected:
        raise SystemExit(f"refusing to run: the database is {name!r}, not the bench's {expected!r}")


def read_meta() -> dict:
    from django.db import connection

    if META_TABLE not in connection.introspection.table_names():
        return {}
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT key, value FROM {META_TABLE}")
        return {key: json.loads(value) for key, value in cursor.fetchall()}


def write_meta(values: dict) -> None:
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE IF NOT EXISTS {META_TABLE} (key VARCHAR(50) PRIMARY KEY, value TEXT)")
        for key, value in values.items():
            cursor.execute(f"DELETE FROM {META_TABLE} WHERE key = %s", [key])
            cursor.execute(f"INSERT INTO {META_TABLE} (key, value) VALUES (%s, %s)", [key, json.dumps(value)])


def wipe(database: str) -> None:
    from django.db import connections

    connections.close_all()
    if database == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(f"{SQLITE_FILE}{suffix}").unlink(missing_ok=True)
    else:
        _create_pg_database(drop=True)


def prepare(args, log) -> dict:
    """Migrate, and load the cases unless the database holds exactly that many already."""
    from django.core.management import call_command
    from django.utils import timezone

    call_command("migrate", interactive=False, verbosity=0)
    meta = read_meta()
    if not args.rebuild and meta.get("complete") and meta.get("cases") == args.cases:
        log(f"reusing the bench database: {args.cases:,} cases loaded on {meta['loaded_on']}")
        if meta["loaded_on"] != timezone.localdate().isoformat():
            log("  (loaded on another day: the cases due since then are overdue too)")
        return meta
    from deadlines.models import Case

    if meta or args.rebuild or Case.objects.exists():
        log("the bench database holds other data: making it again")
        wipe(args.database)
        call_command("migrate", interactive=False, verbosity=0)
    return load(args, log)


def load(args, log) -> dict:
    from django.db import connection
    from django.utils import timezone

    from bench import dataset
    from bench.measure import current_marks

    loaded = dataset.load(args.cases, timezone.localdate(), log)
    written = loaded.seconds
    after = perf_counter()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE")  # what autovacuum does after a load this size
        else:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finishing = perf_counter() - after
    meta = {
        "complete": True,
        "cases": loaded.cases,
        "escalations": loaded.escalations,
        "extensions": loaded.extensions,
        "loaded_on": timezone.localdate().isoformat(),
        "load_seconds": round(written, 1),
        "finish_seconds": round(finishing, 1),
        "marks": current_marks(),
    }
    write_meta(meta)
    log(
        f"loaded {loaded.cases:,} cases, {loaded.escalations:,} escalation steps, "
        f"{loaded.extensions:,} extensions in {written:.1f} s ({loaded.cases / written:,.0f} cases/s)"
        f"{', VACUUM ANALYZE' if connection.vendor == 'postgresql' else ', checkpoint'} {finishing:.1f} s"
    )
    meta["loaded_now"] = True
    return meta


def code_version() -> str:
    """The commit measured, and whether the app code differs from it."""
    import subprocess

    def git(*args):
        return subprocess.run(["git", *args], cwd=PROJECT, capture_output=True, text=True).stdout.strip()

    changed = git("status", "--porcelain", "--", ".", ":!bench", ":!docs")
    return git("rev-parse", "--short", "HEAD") + (" with uncommitted changes" if changed else "")


def describe_data() -> dict:
    from django.db.models import Count, Max, Min
    from django.utils import timezone

    from deadlines.models import Case, Escalation, Extension

    today = timezone.localdate()
    by_status = dict(Case.objects.order_by().values_list("status").annotate(n=Count("id")))
    open_cases = Case.objects.open()
    return {
        "by_status": by_status,
        "open_not_due": open_cases.filter(due_date__gte=today).count(),
        "open_past_due": open_cases.filter(due_date__lt=today).count(),
        "completed_late": Case.objects.filter(status="completed", overdue=True).count(),
        "escalations": Escalation.objects.count(),
        "extensions": dict(Extension.objects.order_by().values_list("status").annotate(n=Count("id"))),
        "received": {
            key: str(timezone.localtime(value).date())
            for key, value in Case.objects.aggregate(
                first=Min("received_at"), last=Max("received_at")
            ).items()
        },
    }


def print_table(results, database: str) -> None:
    rows = results.rows
    width = max(len(row.name) for row in rows)
    print()
    print(
        f"{'measurement':<{width}}  {'runs':>4}  {'median ms':>10}  {'min ms':>10}  {'queries':>8}  "
        f"{'SQL ms':>7}  note"
    )
    print("-" * (width + 60))
    for row in rows:
        queries = "" if row.queries is None else f"{row.queries:,}"
        sql = "" if row.sql_median_ms is None else f"{row.sql_median_ms:.1f}"
        print(
            f"{row.name:<{width}}  {len(row.times):>4}  {row.median_ms:>10.1f}  {row.min_ms:>10.1f}  "
            f"{queries:>8}  {sql:>7}  {row.note}"
        )
    print()
    for line in ratios(results):
        print(line)
    for label, slowest in results.facts.get("list_slowest_queries", {}).items():
        print(f"slowest statements, section list {label}:")
        for line in slowest:
            print(f"    {line}")


def ratios(results) -> list[str]:
    names = {row.name for row in results.rows}
    lines = main_ratios(results) if "flag_overdue(), whole backlog" in names else []
    baseline = next(
        (row for row in results.rows if row.name.startswith("baseline: one SELECT of the default")), None
    )
    for row in results.rows:
        if row.name.startswith("section list"):
            lines.append(
                f"{row.name}: {row.median_ms:.1f} ms median, {row.queries} queries "
                f"({'under' if row.median_ms < 100 else 'OVER'} 100 ms), "
                f"{row.median_ms / baseline.median_ms:,.1f}x the plain SELECT of 50 rows"
            )
    return lines


def main_ratios(results) -> list[str]:
    count = results.row("baseline: COUNT(*) of the same cases (plain SQL)")
    update = results.row("baseline: one UPDATE flagging them all (plain SQL)")
    job = results.row("flag_overdue(), whole backlog")
    idle = results.row("flag_overdue(), nothing new (next hourly run)")
    idle_count = results.row("baseline: COUNT(*) in that state (all flagged)")
    day = next(row for row in results.rows if row.name.startswith("flag_overdue(), one day's"))
    backlog = results.facts["overdue_backlog"]
    day_cases = int(day.note.split()[1]) if day.note.startswith("flagged") else 0
    esc_idle = results.row("escalate_overdue(), nothing to do (next run)")
    esc_count = results.row("baseline: COUNT(*) of cases not yet escalated to the chief")
    esc = results.row("escalate_overdue(), whole backlog (one run)")
    steps = results.facts["escalation_steps"]
    lines = [
        f"flag_overdue / COUNT baseline, whole backlog:   {job.median_ms / count.median_ms:,.0f}x",
        f"flag_overdue / UPDATE baseline, whole backlog:  {job.median_ms / update.median_ms:,.1f}x",
        f"flag_overdue per newly overdue case:            {job.median_ms / max(backlog, 1):.3f} ms "
        f"({results.facts['flag_queries_per_case']:.3f} queries); the one UPDATE: "
        f"{update.median_ms / max(backlog, 1) * 1000:.1f} us",
        f"flag_overdue, nothing new / COUNT baseline:     {idle.median_ms / count.median_ms:,.1f}x "
        f"(/ the COUNT in the same state: {idle.median_ms / idle_count.median_ms:,.1f}x)",
        f"flag_overdue, one day ({day_cases} cases) / COUNT:   {day.median_ms / count.median_ms:,.1f}x",
        f"escalate_overdue, whole backlog / UPDATE baseline: {esc.median_ms / update.median_ms:,.1f}x "
        f"({steps:,} steps)",
        f"escalate_overdue, nothing to do / its COUNT:    {esc_idle.median_ms / esc_count.median_ms:,.1f}x",
        f"escalate_overdue per step taken:                "
        f"{results.facts['escalation_total_s'] * 1000 / max(steps, 1):.3f} ms "
        f"({results.facts['escalation_queries_per_step']:.3f} queries)",
    ]
    return lines


def _short(plan: str) -> str:
    """A plan with a long select list cut to its FROM clause on."""
    head, newline, rest = plan.partition("\n")
    if head.startswith("SELECT ") and len(head) > 300:
        head = "SELECT ... " + head[head.index(" FROM ") + 1 :]
    return head + newline + rest


def main(argv=None) -> None:
    args = parse_args(argv)
    configure(args.database)

    def log(message: str) -> None:
        print(f"[{datetime.now():%H:%M:%S}] {message}", flush=True)

    import django

    django.setup()
    from django.test.utils import override_settings

    from bench import measure

    check_target(args.database)
    version = code_version()
    log(f"database: {args.database}; {os.cpu_count()} cores; code {version}")
    meta = prepare(args, log)
    check_target(args.database)
    state = measure.State(meta["marks"])
    state.restore()  # in case an earlier run was stopped half-way
    data = describe_data()
    log(f"data: {data}")
    results = measure.Results()
    results.facts["database"] = args.database
    results.facts["code"] = version
    with override_settings(DEBUG=False):
        try:
            if args.only != "list":
                measure.measure_flag_overdue(results, state, repeat=args.repeat, log=log)
                measure.measure_escalate_overdue(results, state, repeat=args.repeat, log=log)
            if args.only != "jobs":
                measure.measure_cards(results, log=log)
                measure.measure_section_list(results, repeat=args.page_repeat, log=log)
            measure.explain(results)
        finally:
            state.restore()
    print_table(results, args.database)
    print()
    for name, plan in results.plans.items():
        if name != "list_queries":
            print(f"== {name}\n{_short(plan)}\n")
    out = DATA / f"results-{args.database}{'-' + args.only if args.only else ''}.json"
    out.write_text(
        json.dumps(
            {
                "args": vars(args),
                "meta": meta,
                "data": data,
                "facts": results.facts,
                "rows": [
                    {"name": r.name, "times_ms": [round(t * 1000, 2) for t in r.times],
                     "median_ms": round(r.median_ms, 2), "min_ms": round(r.min_ms, 2),
                     "queries": r.queries, "note": r.note,
                     "sql_median_ms": r.sql_median_ms and round(r.sql_median_ms, 2)}
                    for r in results.rows
                ],
                "ratios": ratios(results),
                "plans": results.plans,
            },
            indent=2,
            ensure_ascii=False,
            default=str,
        )
    )  # fmt: skip
    log(f"results written to {out.relative_to(PROJECT)}")


if __name__ == "__main__":
    main()
