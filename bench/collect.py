"""Rule 7 benchmark: the hourly collection job with nothing new to collect,
on ten years of a bureau's cases, against the plain SQL count of the same
candidates.

Run from the project folder::

    .venv/bin/python bench/collect.py --database postgres      # PostgreSQL on 127.0.0.1:5432, 1,000,000 cases
    .venv/bin/python bench/collect.py                          # SQLite
    .venv/bin/python bench/collect.py --database postgres --cases 100000 --repeat 15

It never touches the system's own data: PostgreSQL uses the database
``bench_collect`` (``BENCH_PG_DATABASE`` names another), SQLite the file
``bench/data/collect.sqlite3``. The cases are loaded as bench/run.py loads
them (bench/dataset.py), then the facts of the other rules and one record
for every candidate are added once (bench/collect_data.py), so the job finds
nothing new, the state of almost every hourly run. The job writes nothing
then, so nothing needs putting back between runs.

What is measured, each ``--repeat`` times after one warm-up run, median and min:

a. ``accountability_collect()``: for each registered source, the candidates
   with no record yet (the job's one anti-join query per source);
b. the baseline: a hand-written ``SELECT COUNT(*)`` per source of its rows
   with no record (``NOT EXISTS`` on the record's unique (source, source_id)
   index), all sources one after another;
c. each source on its own, the job's ``collect(source)`` and its count.

On PostgreSQL, 1,000,000 cases (40,544 records; 2 cores shared with other
work, load about 3), three runs: the job 29-53 ms against the counts' 19-37 ms,
1.3x to 2.0x (median of 9 or 15 runs each); the overdue cases, the one large
source, within 10 % of their count; each other source about 1 ms more than
its count, the ORM building its query. Before the job read the ids first (it
asked for the first 500 in order), 68 ms against 24 ms: 2.8x.

The ratio a / b is the figure (aimed at 2x or less). The query plans of the
largest source's two queries are printed, and everything is written to
``bench/data/collect-<database>.json``.
"""

import argparse
import json
import os
import sys
from datetime import datetime
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
os.environ.setdefault("BENCH_PG_DATABASE", "bench_collect")

from bench import run  # noqa: E402  (reads BENCH_PG_DATABASE)

run.SQLITE_FILE = run.DATA / "collect.sqlite3"
COLLECT_META = "collect_facts"

# Each source's candidates with no record yet, written by hand.
NOT_RECORDED = "NOT EXISTS (SELECT 1 FROM accountability_record r WHERE r.source = %s AND r.source_id = x.id)"
BASELINES = {
    "overdue_case": "deadlines_escalation x WHERE x.step = 'handler'",
    "refusal_overturned": "refusals_refusalfinding x WHERE x.kind = 'overturned'",
    "refusal_unfiled": "refusals_refusalfinding x WHERE x.kind = 'unfiled'",
    "notice_failure": "notifications_noticefailure x WHERE TRUE",
    "breach": "commitments_breach x WHERE x.outcome = 'accountability'",
    "inquiry_unowned": "inquiries_owneralert x WHERE TRUE",
    "post_uncovered": "abpositions_uncoveredperiod x WHERE TRUE",
    "handover_late": "abpositions_handover x WHERE x.flagged",
    "complaint": "accountability_complaint x WHERE x.status = 'answered' AND x.upheld",
}


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=1_000_000, help="cases in the dataset (1,000,000)")
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--repeat", type=int, default=9, help="timed runs of each measurement (9)")
    parser.add_argument("--rebuild", action="store_true", help="generate the data again even if it is there")
    return parser.parse_args(argv)


def count_sql(kind: str) -> str:
    return f"SELECT COUNT(*) FROM {BASELINES[kind]} AND {NOT_RECORDED}"


def baseline(kinds) -> dict:
    from bench.measure import _scalar

    return {kind: _scalar(count_sql(kind), [kind]) for kind in kinds}


def ensure_facts(args, meta: dict, log) -> dict:
    from bench import collect_data

    facts = meta.get(COLLECT_META)
    if facts:
        log(f"reusing the rules' facts and records: {facts}")
        return facts
    facts = collect_data.add(args.cases, log)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    run.write_meta({COLLECT_META: facts})
    return facts


def measure(args, log) -> dict:
    from accountability import jobs, sources
    from bench.measure import Results, Row, timed

    kinds = [source.kind for source in sources.registered()]
    missing = set(kinds) - set(BASELINES)
    if missing:
        raise SystemExit(f"no hand-written count for the source(s) {sorted(missing)}: add one to BASELINES")
    results = Results()
    assert jobs.accountability_collect() == "nothing new"  # warm-up, and the state is what we think
    times, summary, queries = timed(jobs.accountability_collect, repeat=args.repeat)
    results.add(Row("accountability_collect(), nothing new", times, queries, summary))
    times, counts, queries = timed(lambda: baseline(kinds), repeat=args.repeat)
    results.add(
        Row("baseline: COUNT(*) per source of rows not recorded (plain SQL)", times, queries, str(counts))
    )
    for source in sources.registered():
        times, opened, queries = timed(lambda s=source: jobs.collect(s), repeat=args.repeat)
        results.add(Row(f"  collect({source.kind})", times, queries, f"opened {opened}"))
        times, count, queries = timed(lambda k=source.kind: baseline([k]), repeat=args.repeat)
        results.add(Row(f"  COUNT({source.kind})", times, queries, str(count[source.kind])))
    return results


def plans() -> dict:
    from django.db import connection

    from accountability import jobs, sources

    overdue = sources.get("overdue_case")
    job = jobs._not_recorded(overdue).order_by().values_list("pk", flat=True)  # what collect() reads first
    prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN ANALYZE "
    with connection.cursor() as cursor:
        cursor.execute(prefix + count_sql("overdue_case"), ["overdue_case"])
        count = "\n".join(str(row[-1]) for row in cursor.fetchall())
    return {"the job's query, overdue_case": job.explain(analyze=connection.vendor == "postgresql"),
            "the COUNT, overdue_case": count}  # fmt: skip


def report(results, args, meta, facts, log) -> None:
    job = results.row("accountability_collect(), nothing new")
    count = results.row("baseline: COUNT(*) per source of rows not recorded (plain SQL)")
    width = max(len(row.name) for row in results.rows)
    print(f"\n{'measurement':<{width}}  {'runs':>4}  {'median ms':>10}  {'min ms':>10}  {'queries':>7}  note")
    for row in results.rows:
        print(f"{row.name:<{width}}  {len(row.times):>4}  {row.median_ms:>10.1f}  {row.min_ms:>10.1f}  "
              f"{row.queries:>7}  {row.note[:90]}")  # fmt: skip
    ratio = job.median_ms / count.median_ms
    print(f"\naccountability_collect, nothing new / plain COUNT per source: {ratio:.2f}x "
          f"({job.median_ms:.1f} ms against {count.median_ms:.1f} ms; min {job.min_ms / count.min_ms:.2f}x) "
          f"on {meta['cases']:,} cases, {args.database}")  # fmt: skip
    explained = plans()
    for name, plan in explained.items():
        print(f"\n== {name}\n{plan}")
    out = run.DATA / f"collect-{args.database}.json"
    rows = [{"name": r.name, "median_ms": round(r.median_ms, 2), "min_ms": round(r.min_ms, 2),
             "queries": r.queries, "note": r.note} for r in results.rows]  # fmt: skip
    saved = {"args": vars(args), "cases": meta["cases"], "facts": facts, "rows": rows,
             "ratio": round(ratio, 2), "plans": explained}  # fmt: skip
    out.write_text(json.dumps(saved, indent=2, ensure_ascii=False))
    log(f"results written to {out.relative_to(PROJECT)}")


def main(argv=None) -> None:
    args = parse_args(argv)
    run.configure(args.database)

    def log(message: str) -> None:
        print(f"[{datetime.now():%H:%M:%S}] {message}", flush=True)

    import django

    django.setup()
    from django.test.utils import override_settings

    run.check_target(args.database)
    log(f"database: {args.database}; {os.cpu_count()} cores; code {run.code_version()}")
    meta = run.prepare(args, log)
    run.check_target(args.database)
    facts = ensure_facts(args, run.read_meta(), log)
    with override_settings(DEBUG=False):
        results = measure(args, log)
        report(results, args, meta, facts, log)


if __name__ == "__main__":
    main()
