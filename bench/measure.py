"""The measurements: the overdue job against plain SQL, the escalation job,
the section chief's list, and the query plans.

Every timed call runs with ``settings.DEBUG`` off, so that Django does not
log each query (on SQLite, logging a query runs a second one to quote its
parameters); queries are counted with an execute wrapper, and the list
page's with ``CaptureQueriesContext``.
"""

import re
import shutil
import statistics
from dataclasses import dataclass, field
from time import perf_counter
from urllib.parse import urlencode

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from deadlines import jobs
from deadlines.models import Case, CaseStatus, EscalationStep
from deadlines.selectors import completed_since, start_of_year, status_counts
from org.models import Department, Staff
from org.roles import Role

# Rows the jobs write; after a run everything above the marks taken at load time is removed.
WRITTEN_TABLES = ["deadlines_escalation", "messaging_message", "audit_auditevent"]
OPEN_SQL = "status IN ('received', 'in_progress')"
COUNT_OVERDUE_SQL = f"SELECT COUNT(*) FROM deadlines_case WHERE {OPEN_SQL} AND due_date < %s AND NOT overdue"
FLAG_SQL = (
    f"UPDATE deadlines_case SET overdue = TRUE, overdue_since = %s "
    f"WHERE {OPEN_SQL} AND due_date < %s AND NOT overdue"
)
RESET_SQL = f"UPDATE deadlines_case SET overdue = FALSE, overdue_since = NULL WHERE {OPEN_SQL} AND overdue"
COUNT_NOT_ESCALATED_SQL = (
    f"SELECT COUNT(*) FROM deadlines_case c WHERE {OPEN_SQL} AND c.due_date < %s AND NOT EXISTS "
    "(SELECT 1 FROM deadlines_escalation e "
    "WHERE e.case_id = c.id AND e.step = %s AND e.due_date = c.due_date)"
)

PAGE_ROWS_SQL = (
    "SELECT c.number, c.title, c.received_at, c.due_date, c.status, c.overdue, s.name, d.name "
    "FROM deadlines_case c JOIN org_staff s ON s.id = c.handler_id "
    "JOIN org_department d ON d.id = c.department_id "
    f"WHERE c.department_id = %s AND c.{OPEN_SQL} ORDER BY c.due_date, c.id LIMIT 50"
)


@dataclass
class Row:
    name: str
    times: list[float]
    queries: int | None = None
    note: str = ""
    sql_times: list[float] | None = None  # of each run, the time spent in the database

    @property
    def sql_median_ms(self) -> float | None:
        return statistics.median(self.sql_times) * 1000 if self.sql_times else None

    @property
    def median_ms(self) -> float:
        return statistics.median(self.times) * 1000

    @property
    def min_ms(self) -> float:
        return min(self.times) * 1000


@dataclass
class Results:
    rows: list[Row] = field(default_factory=list)
    facts: dict = field(default_factory=dict)
    plans: dict = field(default_factory=dict)

    def add(self, row: Row) -> Row:
        self.rows.append(row)
        return row

    def row(self, name: str) -> Row:
        return next(row for row in self.rows if row.name == name)


class QueryCounter:
    """Counts statements sent to the database, and the time spent in them (an execute
    wrapper: cheap, unlike Django's query logging)."""

    def __init__(self):
        self.count = 0
        self.seconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        started = perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += perf_counter() - started


def timed(fn, *, repeat: int, setup=None, sql_times: list | None = None) -> tuple[list[float], object, int]:
    """Run ``fn`` ``repeat`` times, ``setup`` (untimed) before each.
    Returns the times, the last result and the last run's query count;
    each run's time in the database is appended to ``sql_times`` when given."""
    times, result, queries = [], None, 0
    for _ in range(repeat):
        if setup is not None:
            setup()
        counter = QueryCounter()
        with connection.execute_wrapper(counter):
            started = perf_counter()
            result = fn()
            times.append(perf_counter() - started)
        queries = counter.count
        if sql_times is not None:
            sql_times.append(counter.seconds)
    return times, result, queries


def _scalar(sql: str, params=()) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def _execute(sql: str, params=()) -> int:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


class State:
    """Puts the data back as it was loaded: open cases unflagged, no rows the jobs wrote."""

    def __init__(self, marks: dict[str, int]):
        self.marks = marks

    def restore(self) -> None:
        _execute(RESET_SQL)
        for table in WRITTEN_TABLES:
            # Raw SQL: AuditEvent's manager refuses deletes, rightly; this is the bench's own database.
            _execute(f"DELETE FROM {table} WHERE id > %s", [self.marks[table]])
        broker = settings.BROKER_DIR / "queue"
        if broker.is_dir():
            shutil.rmtree(broker)
            broker.mkdir(parents=True)
        if connection.vendor == "postgresql":
            # The resets leave dead rows behind, thousands a run, which autovacuum would
            # clear in time; without this, later measurements pay for earlier runs.
            with connection.cursor() as cursor:
                cursor.execute(f"VACUUM ANALYZE deadlines_case, {', '.join(WRITTEN_TABLES)}")


def current_marks() -> dict[str, int]:
    return {table: _scalar(f"SELECT COALESCE(MAX(id), 0) FROM {table}") for table in WRITTEN_TABLES}


def measure_flag_overdue(results: Results, state: State, *, repeat: int, log) -> None:
    today = timezone.localdate()
    state.restore()
    backlog = _scalar(COUNT_OVERDUE_SQL, [today])
    results.facts["overdue_backlog"] = backlog
    log(f"flag_overdue: {backlog:,} open cases past due and not flagged")

    times, count, queries = timed(lambda: _scalar(COUNT_OVERDUE_SQL, [today]), repeat=max(repeat, 9))
    results.add(Row("baseline: COUNT(*) of the same cases (plain SQL)", times, queries, f"{count:,} cases"))
    orm = Case.objects.open().filter(due_date__lt=today, overdue=False)
    times, count, queries = timed(orm.count, repeat=max(repeat, 5))
    results.add(Row("the same COUNT as the ORM writes it (statuses as parameters)", times, queries))

    times, changed, queries = timed(
        lambda: _execute(FLAG_SQL, [today, today]), repeat=repeat, setup=state.restore
    )
    results.add(
        Row("baseline: one UPDATE flagging them all (plain SQL)", times, queries, f"{changed:,} rows")
    )

    times, summary, queries = timed(jobs.flag_overdue, repeat=repeat, setup=state.restore)
    results.add(Row("flag_overdue(), whole backlog", times, queries, summary))
    results.facts["flag_queries_per_case"] = queries / max(backlog, 1)

    # All flagged now: the hourly run with nothing to do, and the plain count in that same
    # state (on PostgreSQL the run's updates leave dead row versions both have to step over).
    times, summary, queries = timed(jobs.flag_overdue, repeat=max(repeat, 5))
    results.add(Row("flag_overdue(), nothing new (next hourly run)", times, queries, summary))
    times, count, queries = timed(lambda: _scalar(COUNT_OVERDUE_SQL, [today]), repeat=max(repeat, 9))
    results.add(Row("baseline: COUNT(*) in that state (all flagged)", times, queries, f"{count:,} cases"))

    # A normal day: only the cases due on the last working day are newly overdue.
    last_due, setup = one_days_cases(state)
    times, summary, queries = timed(jobs.flag_overdue, repeat=repeat, setup=setup)
    results.add(Row(f"flag_overdue(), one day's new cases (due {last_due})", times, queries, summary))
    state.restore()


def one_days_cases(state: State):
    """The last due date passed, and a setup that leaves only the cases due on it unflagged."""
    today = timezone.localdate()
    past_due = Case.objects.open().filter(due_date__lt=today)
    last_due = past_due.order_by("-due_date").values_list("due_date", flat=True).first()

    def setup():
        state.restore()
        _execute(FLAG_SQL, [today, last_due])  # everything due before it is flagged already

    return last_due, setup


def measure_escalate_overdue(results: Results, state: State, *, repeat: int, log) -> None:
    today = timezone.localdate()
    times, summary, queries = timed(jobs.escalate_overdue, repeat=repeat, setup=state.restore)
    whole = results.add(Row("escalate_overdue(), whole backlog (one run)", times, queries, summary))
    log(f"escalate_overdue: one run {summary}")
    steps = _scalar(
        "SELECT COUNT(*) FROM deadlines_escalation WHERE id > %s AND step IN ('chief', 'supervisor')",
        [state.marks["deadlines_escalation"]],
    )
    results.facts["escalation_steps"] = steps
    results.facts["escalation_total_s"] = whole.times[-1]
    results.facts["escalation_queries_per_step"] = queries / max(steps, 1)
    times, summary, queries = timed(jobs.escalate_overdue, repeat=max(repeat, 5))
    results.add(Row("escalate_overdue(), nothing to do (next run)", times, queries, summary))
    times, count, queries = timed(
        lambda: _scalar(COUNT_NOT_ESCALATED_SQL, [today, EscalationStep.CHIEF.value]), repeat=max(repeat, 9)
    )
    results.add(Row("baseline: COUNT(*) of cases not yet escalated to the chief", times, queries, f"{count}"))
    state.restore()


def largest_section():
    department_id = (
        Case.objects.order_by().values("department").annotate(n=Count("id")).order_by("-n")[0]["department"]
    )
    department = Department.objects.get(pk=department_id)
    chief = (
        Staff.objects.with_role(Role.SECTION_CHIEF)
        .filter(department=department)
        .select_related("user")
        .order_by("-rank", "pk")
        .first()
    )
    return department, chief


def measure_section_list(results: Results, *, repeat: int, log) -> None:
    department, chief = largest_section()
    size = Case.objects.filter(department=department).count()
    results.facts["section"] = f"{department.name} ({department.code}): {size:,} cases, chief {chief.name}"
    log(f"section list: {results.facts['section']}")
    url = reverse("cases:section")
    views = [
        ("open cases (the default), page 1", {}),
        ("all statuses, page 1", {"status": ""}),
        ("all statuses, page 1,000", {"status": "", "page": "1000"}),
    ]
    client = Client()
    client.force_login(chief.user)

    def call(query):
        def request():
            response = client.get(url, query)
            assert response.status_code == 200, response.status_code
            return response

        return request

    # The simplest baseline: one plain SELECT of the 50 rows the default page shows.
    with connection.cursor() as cursor:

        def plain_rows():
            cursor.execute(PAGE_ROWS_SQL, [department.pk])
            return cursor.fetchall()

        times, rows, queries = timed(plain_rows, repeat=max(repeat, 9))
    results.add(
        Row("baseline: one SELECT of the default page's 50 rows (plain SQL)", times, queries, f"{len(rows)}")
    )

    for label, query in views:
        fn = call(query)
        fn()  # warm up: the first call compiles templates and fills caches
        sql_times = []
        times, _result, _queries = timed(fn, repeat=repeat, sql_times=sql_times)
        with CaptureQueriesContext(connection) as captured:
            fn()
        what = f"GET {url}?{urlencode(query)}"
        results.add(Row(f"section list, {label}", times, len(captured), what, sql_times))
        results.plans.setdefault("list_queries", {})[label] = [q["sql"] for q in captured.captured_queries]
        # Where the time goes: the slowest statements of the counted request.
        slowest = sorted(
            ((float(q["time"]) * 1000, number, _what_query(q["sql"]))
             for number, q in enumerate(captured.captured_queries, start=1)),
            reverse=True,
        )[:3]  # fmt: skip
        results.facts.setdefault("list_slowest_queries", {})[label] = [
            f"query {number}: {ms:.1f} ms {what}" for ms, number, what in slowest
        ]


def _what_query(sql: str) -> str:
    """A statement in a few words: its kind, its tables, its ordering and window."""
    kind = "COUNT/aggregate" if "COUNT(" in sql else sql.split()[0]
    tables = sorted(set(re.findall(r'(?:FROM|JOIN) "(\w+)"', sql)))
    tail = sql[sql.find(" ORDER BY ") :] if " ORDER BY " in sql else ""
    return f"{kind} {' '.join(tables)} {tail[:120]}".strip()


def explain(results: Results) -> None:
    today = timezone.localdate()
    candidates = Case.objects.open().filter(due_date__lt=today, overdue=False).values_list("pk", flat=True)
    results.plans["flag_overdue candidates (the job's ORM query)"] = candidates[: jobs.BATCH].explain()
    with connection.cursor() as cursor:
        prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
        cursor.execute(prefix + COUNT_OVERDUE_SQL, [today])
        plan = cursor.fetchall()
    results.plans["baseline COUNT (statuses written in the SQL)"] = "\n".join(
        str(row[-1]) if connection.vendor == "sqlite" else row[0] for row in plan
    )
    to_chief = jobs._without_step(Case.objects.open().filter(due_date__lt=today), EscalationStep.CHIEF)
    results.plans["escalate_overdue candidates (to the chief)"] = to_chief.select_related("department")[
        : jobs.BATCH
    ].explain()
    _explain_list(results)


def _explain_list(results: Results) -> None:
    for label, queries in list(results.plans.get("list_queries", {}).items()):
        for number, sql in enumerate(queries, start=1):
            if "deadlines_case" in sql:
                results.plans[f"section list, {label}, query {number}"] = sql + "\n" + _explain_sql(sql)


def _explain_sql(sql: str) -> str:
    """The plan of a captured statement (its parameters written in, as the capture has them)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("EXPLAIN QUERY PLAN " + sql)
            return "\n".join(str(row[-1]) for row in cursor.fetchall())
        cursor.execute("EXPLAIN " + sql)
        return "\n".join(row[0] for row in cursor.fetchall())


def measure_cards(results: Results, *, log) -> None:
    """The section page's four cards on their own: the open figures' aggregate
    and this year's completed count."""
    department, _chief = largest_section()
    section = Case.objects.filter(department=department)
    times, counts, queries = timed(lambda: status_counts(section), repeat=9)
    results.add(Row("cards: status_counts(section), the open cases' aggregate", times, queries, str(counts)))
    year_start = start_of_year()
    times, count, queries = timed(lambda: completed_since(section, year_start), repeat=9)
    results.add(Row("cards: completed_since(section, 1 January)", times, queries, f"{count:,}"))
    times, count, queries = timed(lambda: section.filter(status=CaseStatus.COMPLETED).count(), repeat=9)
    results.add(Row("the old completed card: all the section's completed", times, queries, f"{count:,}"))
