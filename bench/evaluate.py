"""Rule 8 benchmark: the evaluation's figures of a month and of a year, at both
levels, on ten years of a bureau's cases and their ratings, against one
hand-written grouped SQL aggregate over the same rows.

Run from the project folder::

    .venv/bin/python bench/evaluate.py                       # PostgreSQL on 127.0.0.1:5432, 1,000,000 cases
    .venv/bin/python bench/evaluate.py --cases 100000 --repeat 5

It never touches the system's own data: it uses the database
``bench_evaluation`` (``BENCH_PG_DATABASE`` names another). The cases are
loaded as bench/run.py loads them (bench/dataset.py), then the ratings and
their follow-ups are added once (bench/evaluation_data.py). PostgreSQL only:
the ratings are written with its SQL. Nothing measured writes, but the
frozen-table measurement adds a snapshot and removes it afterwards.

What is measured, each ``--repeat`` times after one warm-up run, median and min:

a. ``evaluation.figures.compute(period, level)`` for the last closed month and
   the last closed year, per staff member and per section; and within it the
   average working days (``figures.average_days``, computed in Python);
b. the baseline: two hand-written grouped aggregates over the same period's
   rows, with conditional counts — the completed cases (handled, on time) and
   the ratings joined to their follow-ups (every rating figure) — by staff
   member or by section;
c. ``evaluation.tables.table(period, level)`` (the figures, the score, the
   grade, the rank and the change from the period before: what the
   evaluation page and the API show), computed live and read from a frozen
   snapshot, with its query count.

d. The supervisors' evaluation page (``/evaluation/?period=``, both tables
   with their charts) through the test client as the demo ``supervisor``.

On PostgreSQL, 1,000,000 cases and 958,650 ratings (2 cores, other work
running), median of 3: the figures 367 / 375 ms for November 2026 by staff /
by section against the baseline's 166 ms (2.2x), 528 / 486 ms for 2025
against 205 / 216 ms (2.6x / 2.3x), 17 queries whatever the rows. Before the
figures were counted a source at a time (27 queries, the ratings scanned
13 times) and the working days a case at a time: 1,190-3,119 ms, 6.7x-11.4x.
Every grouped query is a sequential scan of the whole table (no index on
``completed_at`` or ``rated_at`` alone); with one on each, a month's figures
take 56 ms (baseline 13 ms) and a year's 271 ms (91 ms). The page: 1.8 s for
a month, 2.3 s for a year, 94 queries (0.35 s and 1.2 s with those indexes).

The ratio a / b is the figure (aimed at 2x or less). The query plan of the
largest grouped query is printed, and everything is written to
``bench/data/evaluate-postgres.json``.
"""

import argparse
import json
import os
import sys
from datetime import datetime
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
os.environ.setdefault("BENCH_PG_DATABASE", "bench_evaluation")

from bench import run  # noqa: E402  (reads BENCH_PG_DATABASE)

RATINGS_META = "evaluation_ratings"

CASES_SQL = """
SELECT {who}, COUNT(*),
       COUNT(*) FILTER (WHERE (c.completed_at AT TIME ZONE %(zone)s)::date <= c.due_date)
FROM deadlines_case c
WHERE c.status = 'completed' AND c.completed_at >= %(start)s AND c.completed_at < %(end)s
  AND {who} IS NOT NULL
GROUP BY {who}
"""
RATINGS_SQL = """
SELECT {who}, COUNT(*),
       COUNT(*) FILTER (WHERE NOT r.is_default),
       COUNT(*) FILTER (WHERE NOT r.is_default AND r.level = 5),
       COUNT(*) FILTER (WHERE NOT r.is_default AND r.level = 4),
       COUNT(*) FILTER (WHERE NOT r.is_default AND r.level = 3),
       COUNT(*) FILTER (WHERE NOT r.is_default AND r.level = 2),
       COUNT(*) FILTER (WHERE NOT r.is_default AND r.level = 1),
       COUNT(*) FILTER (WHERE r.level >= 3),
       COUNT(*) FILTER (WHERE NOT r.is_default AND r.level <= 2),
       COUNT(*) FILTER (WHERE NOT r.is_default AND r.level <= 2 AND f.called_at IS NOT NULL),
       COUNT(*) FILTER (WHERE NOT r.is_default AND r.level <= 2 AND f.fixed_at IS NOT NULL),
       COUNT(*) FILTER (WHERE NOT r.is_default AND r.level <= 2 AND r.named),
       COUNT(*) FILTER (WHERE NOT r.is_default AND r.level <= 2 AND r.named AND f.called_at IS NOT NULL)
FROM evaluation_rating r LEFT JOIN evaluation_followup f ON f.rating_id = r.id
WHERE r.rated_at >= %(start)s AND r.rated_at < %(end)s AND NOT r.excluded
GROUP BY {who}
"""
WHO = {"staff": ("c.handler_id", "r.staff_id"), "department": ("c.department_id", "r.department_id")}


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=1_000_000, help="cases in the dataset (1,000,000)")
    parser.add_argument("--repeat", type=int, default=7, help="timed runs of each measurement (7)")
    parser.add_argument("--rebuild", action="store_true", help="generate the data again even if it is there")
    parser.add_argument("--only", choices=["figures", "tables", "page"], help="measure only a, c or d")
    args = parser.parse_args(argv)
    args.database = "postgres"
    return args


def baseline(period, level) -> dict:
    """The two grouped aggregates, as rows by id."""
    from django.conf import settings
    from django.db import connection

    start, end = period.moments
    params = {"start": start, "end": end, "zone": settings.TIME_ZONE}
    cases_who, ratings_who = WHO[level]
    found = {}
    with connection.cursor() as cursor:
        cursor.execute(CASES_SQL.format(who=cases_who), params)
        for who, *counts in cursor.fetchall():
            found.setdefault(who, []).extend(counts)
        cursor.execute(RATINGS_SQL.format(who=ratings_who), params)
        for who, *counts in cursor.fetchall():
            found.setdefault(who, []).extend(counts)
    return found


def ensure_ratings(meta: dict, log) -> dict:
    from django.db import connection
    from django.utils import timezone

    from bench import evaluation_data

    made = meta.get(RATINGS_META)
    if made:
        log(f"reusing the ratings: {made}")
        return made
    made = evaluation_data.add(timezone.localdate(), log)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    run.write_meta({RATINGS_META: made})
    return made


def periods():
    from django.utils import timezone

    from evaluation.periods import Period

    today = timezone.localdate()
    return {"month": Period.month_of(today).previous(), "year": Period("year", today.year - 1)}


def _check(computed: dict, counted: dict, label: str) -> str:
    """The figures agree with the baseline's counts: same people, same handled and ratings."""
    handled = {who: row["handled"] for who, row in computed.items() if row["handled"]}
    expected = {who: counts[0] for who, counts in counted.items() if len(counts) in (2, 15)}
    if handled != expected:
        raise SystemExit(f"{label}: the figures and the baseline count different cases")
    return f"{len(computed)} rows, {sum(handled.values()):,} cases"


def measure_figures(results, args, log) -> None:
    from bench.measure import Row, timed
    from evaluation import figures

    for kind, period in periods().items():
        for level in figures.LEVELS:
            label = f"{kind} {period} by {level}"
            figures.compute(period, level)  # warm-up
            times, computed, queries = timed(
                lambda p=period, lv=level: figures.compute(p, lv), repeat=args.repeat
            )
            times_b, counted, queries_b = timed(
                lambda p=period, lv=level: baseline(p, lv), repeat=args.repeat
            )
            note = _check(computed, counted, label)
            results.add(Row(f"figures.compute: {label}", times, queries, note))
            results.add(Row(f"  baseline, two GROUP BY: {label}", times_b, queries_b, f"{len(counted)} rows"))
            times_d, days, queries_d = timed(
                lambda p=period, lv=level: figures.average_days(p, lv), repeat=args.repeat
            )
            results.add(Row(f"  of which average_days: {label}", times_d, queries_d, f"{len(days)} rows"))
            log(f"measured {label}")


def measure_tables(results, args, log) -> None:
    from bench.measure import Row, timed
    from evaluation import figures, tables
    from evaluation.models import Snapshot

    for kind, period in periods().items():
        for level in figures.LEVELS:
            label = f"{kind} {period} by {level}"
            tables.table(period, level)
            times, table, queries = timed(lambda p=period, lv=level: tables.table(p, lv), repeat=args.repeat)
            results.add(Row(f"tables.table, live: {label}", times, queries, f"{len(table.rows)} rows"))
            rows, scheme_id = tables.compute_rows(period, level)
            snapshot = Snapshot.objects.create(period=period.key, level=level, scheme_id=scheme_id, rows=rows)
            try:
                times, table, queries = timed(
                    lambda p=period, lv=level: tables.table(p, lv), repeat=args.repeat
                )
                assert table.frozen == snapshot
                results.add(Row(f"tables.table, frozen: {label}", times, queries, "previous period live"))
            finally:
                snapshot.delete()
            log(f"measured the table {label}")


def measure_page(results, args, log) -> None:
    from django.contrib.auth import get_user_model
    from django.test import Client

    from bench.measure import Row, timed

    client = Client()
    client.force_login(get_user_model().objects.get(username="supervisor"))
    for kind, period in periods().items():
        url = f"/evaluation/?period={period}"
        assert client.get(url).status_code == 200  # warm-up

        def get(url=url):
            response = client.get(url)
            assert response.status_code == 200
            return len(response.content)

        times, size, queries = timed(get, repeat=args.repeat)
        results.add(Row(f"page /evaluation/?period={period} ({kind})", times, queries, f"{size:,} bytes"))
        log(f"measured the page {url}")


def plans() -> dict:
    from django.db import connection

    from evaluation import figures

    period = periods()["year"]
    found = {}
    for key in ("handled", "good", "poor_called"):
        counted = figures.BY_KEY[key]
        rows = (
            counted.rows(period).exclude(handler__isnull=True) if key == "handled" else counted.rows(period)
        )
        query = rows.values("pk").order_by()
        found[f"figure {key}, {period}"] = query.explain(analyze=True)
    start, end = period.moments
    with connection.cursor() as cursor:
        cursor.execute(
            "EXPLAIN ANALYZE " + RATINGS_SQL.format(who="r.staff_id"),
            {"start": start, "end": end, "zone": ""},
        )
        found[f"baseline ratings, {period}"] = "\n".join(row[0] for row in cursor.fetchall())
    return found


def report(results, args, meta, made, log) -> dict:
    width = max(len(row.name) for row in results.rows)
    print(f"\n{'measurement':<{width}}  {'runs':>4}  {'median ms':>10}  {'min ms':>10}  {'queries':>7}  note")
    for row in results.rows:
        print(f"{row.name:<{width}}  {len(row.times):>4}  {row.median_ms:>10.1f}  {row.min_ms:>10.1f}  "
              f"{row.queries:>7}  {row.note[:70]}")  # fmt: skip
    ratios = {}
    for row in results.rows:
        if row.name.startswith("figures.compute: "):
            label = row.name.removeprefix("figures.compute: ")
            base = results.row(f"  baseline, two GROUP BY: {label}")
            ratios[label] = round(row.median_ms / base.median_ms, 2)
            print(f"figures / baseline, {label}: {ratios[label]:.2f}x "
                  f"({row.median_ms:.1f} ms against {base.median_ms:.1f} ms)")  # fmt: skip
    print(f"on {meta['cases']:,} cases, {made['ratings']:,} ratings")
    explained = plans()
    for name, plan in explained.items():
        print(f"\n== {name}\n{plan}")
    out = run.DATA / "evaluate-postgres.json"
    rows = [{"name": r.name, "median_ms": round(r.median_ms, 2), "min_ms": round(r.min_ms, 2),
             "queries": r.queries, "note": r.note} for r in results.rows]  # fmt: skip
    saved = {"args": vars(args), "cases": meta["cases"], "ratings": made, "rows": rows, "ratios": ratios,
             "plans": explained}  # fmt: skip
    out.write_text(json.dumps(saved, indent=2, ensure_ascii=False, default=str))
    log(f"results written to {out.relative_to(PROJECT)}")
    return saved


def main(argv=None) -> None:
    args = parse_args(argv)
    run.configure(args.database)

    def log(message: str) -> None:
        print(f"[{datetime.now():%H:%M:%S}] {message}", flush=True)

    import django

    django.setup()
    from django.test.utils import override_settings

    from bench.measure import Results

    run.check_target(args.database)
    log(f"database: {args.database}; {os.cpu_count()} cores; code {run.code_version()}")
    meta = run.prepare(args, log)
    run.check_target(args.database)
    made = ensure_ratings(run.read_meta(), log)
    with override_settings(DEBUG=False):
        results = Results()
        for part, measure in (
            ("figures", measure_figures),
            ("tables", measure_tables),
            ("page", measure_page),
        ):
            if args.only in (None, part):
                measure(results, args, log)
        report(results, args, meta, made, log)


if __name__ == "__main__":
    main()
