"""Ten years of a busy bureau's cases, generated and loaded fast.

The bureau (sections, staff, service items) is made through the real demo
seeders and services; the extra staff are plain rows. The cases, their
escalation steps and extensions are planned in Python with a fixed random
seed and written in batches of 20,000 with one prepared INSERT run by
``executemany`` (SQLite) or with ``COPY`` (PostgreSQL):
the services would take hours for a million cases, and what is measured
is reading and flagging them, not opening them.

The mix (of N cases, received on the official working days of the ten
years up to today):

- 97 % closed: 96 % completed, 0.6 % refused, 0.4 % withdrawn. Of the
  completed, about 5 % late (flagged overdue at the time, with the handler,
  chief and, past two working days, supervisor steps recorded), and those
  still open the working day before their due date have a reminder step.
  About 2 % had an approved extension, 0.3 % a rejected one.
- 2 % open and not yet due, received in the last few weeks; those whose
  first due date has passed had an extension approved. A few dozen have an
  extension request waiting for the section chief.
- 1 % open and past the due date but not flagged (``overdue=False``) and
  never escalated: the backlog the jobs have to work through. 70 % were due
  in the last 120 working days, 30 % at any time in the decade.

Due dates are counted on the official calendar as ``workdays.days`` does.
"""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from time import perf_counter
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import connection, transaction

from commitments import demo as commitments_demo
from commitments.models import ServiceItem
from commitments.services import MaterialSpec, service_item_create
from core.models import DailyCounter
from deadlines.models import Case, CaseKind, CaseStatus, Escalation, Extension
from org import demo as org_demo
from org.models import Department, Staff
from org.roles import Role
from workdays.days import load_schedule

SHANGHAI = ZoneInfo("Asia/Shanghai")
SEED = 20261126
CHUNK = 20_000

# The demo catalogue has 26 items; four more bring it to 30.
EXTRA_ITEMS = [
    ("XK-015", "approval", "食品生产许可（新办）", 20, 15),
    ("XK-016", "approval", "食品生产许可（变更）", 20, 8),
    ("SJ-005", "market", "广告发布登记", 10, 5),
    ("FG-004", "legal", "行政执法证件申领审核", 20, 10),
]
# Relative yearly volume of each item: the licensing hall takes most cases.
ITEM_WEIGHTS = {
    "XK-001": 10, "XK-002": 5, "XK-003": 4, "XK-004": 3, "XK-005": 3, "XK-006": 12, "XK-007": 8,
    "XK-008": 3, "XK-009": 2, "XK-010": 6, "XK-011": 2, "XK-012": 1, "XK-013": 3, "XK-014": 2,
    "XK-015": 2, "XK-016": 2, "SJ-001": 10, "SJ-002": 5, "SJ-003": 4, "SJ-004": 3, "SJ-005": 2,
    "FG-001": 1, "FG-002": 1, "FG-003": 0.5, "FG-004": 0.5, "CW-001": 2, "CW-002": 1,
    "BG-001": 2, "BG-002": 2, "XN-001": 1,
}  # fmt: skip
# The demo bureau has 32 staff; these bring it to 60.
EXTRA_HANDLERS = {"approval": 12, "market": 8, "legal": 2, "finance": 2, "office": 2, "supervision": 2}
PENDING_EXTENSIONS = {"approval": 30, "market": 10, "legal": 3, "finance": 2, "office": 3, "supervision": 2}

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾"
GIVEN = [
    "伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟",
    "涛", "明", "超", "秀兰", "霞", "平", "刚", "桂英", "建华", "志强",
    "晓东", "海燕", "文博", "雨涵", "子轩",
]  # fmt: skip
LEADERS = ["局长 陈立新", "副局长 王海涛", "副局长 刘晓梅", "纪检组长 赵刚"]
INSTRUCTIONS = [
    "关于群众反映食品经营许可办理进度的批示",
    "关于12345热线转办件的批示",
    "关于人大代表建议办理的批示",
    "关于营商环境专项检查问题整改的批示",
    "关于市场主体登记便利化的批示",
]
NOT_AT_ONCE = ["申请材料需核验原件，申请人次日补交", "系统故障，次日办结", "需现场核查"]
EXTENSION_REASONS = ["需现场核查，申请人约定时间延后", "申请材料需补正", "需征求相关部门意见"]

# Plain strings, as COPY writes them (a TextChoices member is an Enum to psycopg).
SERVICE, INSTRUCTION = CaseKind.SERVICE.value, CaseKind.INSTRUCTION.value
RECEIVED, IN_PROGRESS = CaseStatus.RECEIVED.value, CaseStatus.IN_PROGRESS.value
assert {"completed", "refused", "withdrawn"} <= set(CaseStatus.values)

OFFICE_SECONDS = [(9 * 3600, 12 * 3600), (13 * 3600 + 1800, 17 * 3600)]


@dataclass
class Bureau:
    """What the cases refer to: items, and staff by section and role."""

    items: list[tuple]  # (item id, version id, department id, committed days, name, weight)
    handlers: dict[int, list[tuple[int, int]]]  # department id -> [(staff id, user id)]
    chiefs: dict[int, list[int]]  # department id -> [staff id]
    front_desk_users: dict[int, list[int]]  # department id -> [user id]
    department_codes: dict[int, str]


@dataclass
class Loaded:
    cases: int = 0
    escalations: int = 0
    extensions: int = 0
    counters: int = 0
    seconds: float = 0.0  # planning and writing the cases, without seeding the bureau
    mix: dict = field(default_factory=dict)


def seed_bureau() -> Bureau:
    """The demo sections, staff and catalogue, and the extra staff and items. Not the
    whole seed_demo: its demo cases (deadlines/demo.py) would be in the way of ours."""
    with transaction.atomic():
        org_demo.seed()
        commitments_demo.seed()
    user_model = get_user_model()
    unusable = make_password(None)
    handler_group = Group.objects.get(name=Role.HANDLER)
    departments = {d.code: d for d in Department.objects.all()}
    number = Staff.objects.count()
    for code, count in EXTRA_HANDLERS.items():
        for index in range(1, count + 1):
            user, created = user_model.objects.get_or_create(
                username=f"bench-{code}-{index:02d}",
                defaults={"password": unusable, "email": f"bench-{code}-{index:02d}@bureau.example"},
            )
            if created:
                user.groups.add(handler_group)
                number += 1
                Staff.objects.create(
                    user=user,
                    name=SURNAMES[(index * 7) % len(SURNAMES)] + GIVEN[(index * 5 + len(code)) % len(GIVEN)],
                    employee_number=f"B{number:04d}",
                    department=departments[code],
                    title="科员",
                    rank=3,
                )
    existing = set(ServiceItem.objects.values_list("code", flat=True))
    keeper = user_model.objects.get(username="admin")  # the catalogue's services refuse a write by no one
    for code, section, name, statutory, committed in EXTRA_ITEMS:
        if code not in existing:
            service_item_create(
                actor=keeper,
                code=code,
                department=departments[section],
                content={
                    "name": name,
                    "basis": "见本局公示栏",
                    "statutory_days": statutory,
                    "committed_days": committed,
                },
                materials=[MaterialSpec("申请书"), MaterialSpec("申请人身份证明")],
            )
    return _bureau()


def _bureau() -> Bureau:
    items = [
        (item.pk, item.current_id, item.department_id, item.current.committed_days, item.current.name,
         ITEM_WEIGHTS.get(item.code, 1))
        for item in ServiceItem.objects.select_related("current").filter(current__isnull=False)
    ]  # fmt: skip
    handlers, chiefs, front_desk = {}, {}, {}
    for staff in Staff.objects.select_related("user").prefetch_related("user__groups"):
        roles = {group.name for group in staff.user.groups.all()}
        if Role.HANDLER in roles:
            handlers.setdefault(staff.department_id, []).append((staff.pk, staff.user_id))
        if Role.SECTION_CHIEF in roles:
            chiefs.setdefault(staff.department_id, []).append(staff.pk)
        if Role.FRONT_DESK in roles:
            front_desk.setdefault(staff.department_id, []).append(staff.user_id)
    codes = dict(Department.objects.values_list("pk", "code"))
    return Bureau(items, handlers, chiefs, front_desk, codes)


class Calendar:
    """The official working days from ``first`` on, indexed."""

    def __init__(self, first: date, today: date):
        schedule = load_schedule(first.year, today.year + 1)
        self.days = []
        d = first
        while d.year in schedule.known:
            if schedule.is_working_day(d):
                self.days.append(d)
            d += timedelta(days=1)
        # The first working day on or after today: cases due before it are overdue.
        self.today_index = next(i for i, day in enumerate(self.days) if day >= today)
        self.starts = [datetime.combine(day, time(0), tzinfo=SHANGHAI) for day in self.days]
        self.stamps = [f"{day:%Y%m%d}" for day in self.days]

    def day(self, index: int) -> date:
        return self.days[min(index, len(self.days) - 1)]

    def at(self, index: int, seconds: int) -> datetime:
        return self.starts[min(index, len(self.days) - 1)] + timedelta(seconds=seconds)


def _office_seconds(rng) -> int:
    low, high = OFFICE_SECONDS[rng.random() < 0.45]
    return rng.randrange(low, high)


def plan(n: int, cal: Calendar, bureau: Bureau, rng) -> list[tuple]:
    """(received day index, seconds, category, item index or -1, due index, extension days) per case,
    in the order the cases were received."""
    item_weights = [item[5] for item in bureau.items]
    timed_items = [i for i, item in enumerate(bureau.items) if item[3] > 0]
    timed_weights = [bureau.items[i][5] for i in timed_items]
    n_open_due = round(n * 0.02)
    n_overdue = round(n * 0.01)
    n_refused = round(n * 0.006)
    n_withdrawn = round(n * 0.004)
    n_completed = n - n_open_due - n_overdue - n_refused - n_withdrawn
    today = cal.today_index
    # Intake grows by 60 % over the decade.
    cumulative, total = [], 0.0
    for index in range(today):
        total += 1 + 0.6 * index / today
        cumulative.append(total)

    cases = []
    categories = ["completed"] * n_completed + ["refused"] * n_refused + ["withdrawn"] * n_withdrawn
    received = rng.choices(range(today), cum_weights=cumulative, k=len(categories))
    items = rng.choices(range(len(bureau.items)), weights=item_weights, k=len(categories))
    for category, day, item in zip(categories, received, items, strict=True):
        if rng.random() < 0.005:
            item = -1
        committed = rng.randint(3, 15) if item < 0 else bureau.items[item][3]
        extension = 0
        if category == "completed" and committed > 0 and rng.random() < 0.02:
            extension = rng.randint(1, committed)
        cases.append((day, _office_seconds(rng), category, item, day + committed, extension))

    for _ in range(n_open_due):
        item = -1 if rng.random() < 0.01 else rng.choices(timed_items, weights=timed_weights)[0]
        committed = rng.randint(5, 15) if item < 0 else bureau.items[item][3]
        if rng.random() < 0.8:
            day = today - rng.randint(1, committed)
        else:  # its first due date has passed: an extension was approved
            day = today - committed - rng.randint(1, committed)
        due = day + committed
        extension = min(committed, today - due + rng.randint(0, 2)) if due < today else 0
        cases.append((max(day, 0), _office_seconds(rng), "open_due", item, due, extension))

    for _ in range(n_overdue):
        item = -1 if rng.random() < 0.01 else rng.choices(timed_items, weights=timed_weights)[0]
        committed = rng.randint(5, 15) if item < 0 else bureau.items[item][3]
        recent = rng.random() < 0.7
        due = today - rng.randint(1, 120) if recent else rng.randint(committed + 1, today - 1)
        cases.append((due - committed, _office_seconds(rng), "open_overdue", item, due, 0))

    cases.sort(key=lambda case: (case[0], case[1]))
    return cases


def _applicant(rng) -> tuple[str, str]:
    name = rng.choice(SURNAMES) + rng.choice(GIVEN)
    phone = "" if rng.random() < 0.08 else f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}"
    return name, phone


def rows(planned, cal: Calendar, bureau: Bureau, rng, pending_ids: set[int]):
    """Yield (case row, escalation rows, extension rows) per case; ids are 1..N in intake order."""
    day_seq: dict[int, int] = {}
    today = cal.today_index
    for case_id, (day, seconds, category, item, due, extension) in enumerate(planned, start=1):
        seq = day_seq.get(day, 0) + 1
        day_seq[day] = seq
        received_at = cal.at(day, seconds)
        if item < 0:
            department = rng.choices(
                list(bureau.handlers), weights=[len(v) for v in bureau.handlers.values()]
            )[0]
            item_id = version_id = None
            committed = due - day
            kind, title = INSTRUCTION, rng.choice(INSTRUCTIONS)
            instruction, leader = "请抓紧办理，按时报结果。", rng.choice(LEADERS)
            applicant_name = applicant_phone = ""
        else:
            item_id, version_id, department, committed, title, _weight = bureau.items[item]
            kind, instruction, leader = SERVICE, "", ""
            applicant_name, applicant_phone = _applicant(rng)
        handler_id, handler_user = rng.choice(bureau.handlers[department])
        desks = bureau.front_desk_users.get(department)
        created_by = rng.choice(desks) if desks and kind == SERVICE else handler_user
        chiefs = bureau.chiefs.get(department) or [handler_id]
        original_due = due
        due = original_due + extension
        escalations, extensions = [], []
        if extension:
            asked = max(day, original_due - 1)
            extensions.append(
                (case_id, extension, rng.choice(EXTENSION_REASONS), handler_id, cal.at(asked, 36000),
                 cal.day(asked + 1), "approved", rng.choice(chiefs), cal.at(asked, 43200), "",
                 cal.day(original_due), cal.day(due))
            )  # fmt: skip
        handled_at_once, reason = False, ""
        completed_at, overdue, overdue_since = None, False, None
        status = category
        if category == "completed":
            if committed == 0 and rng.random() < 0.95:
                handled_at_once, done, done_seconds = True, day, seconds
            else:
                if committed == 0:
                    reason = rng.choice(NOT_AT_ONCE)
                done = day + _working_days_taken(due - day, rng)
                done_seconds = _office_seconds(rng)
                if done == day:
                    done_seconds = min(seconds + rng.randint(600, 7200), 17 * 3600 + 1800)
            if extension:  # completed after the extension was asked for
                done = max(done, day, original_due - 1)
            done = min(done, today - 1)
            completed_at = cal.at(done, done_seconds)
            if done > due:
                overdue, overdue_since = True, cal.day(due) + timedelta(days=1)
                flagged_at = datetime.combine(overdue_since, time(0, 5), tzinfo=SHANGHAI)
                escalations.append((case_id, "handler", cal.day(due), flagged_at))
                escalations.append((case_id, "chief", cal.day(due), flagged_at))
                if done > due + 2:
                    escalations.append((case_id, "supervisor", cal.day(due), cal.at(due + 3, 300)))
            if committed > 0 and done >= due - 1 and done > day:
                escalations.append((case_id, "remind", cal.day(due), cal.at(max(day, due - 1), 3600)))
            if committed > 0 and not extension and rng.random() < 0.003:
                asked = max(day, due - 2)
                extensions.append(
                    (case_id, rng.randint(1, committed), rng.choice(EXTENSION_REASONS), handler_id,
                     cal.at(asked, 36000), cal.day(asked + 1), "rejected", rng.choice(chiefs),
                     cal.at(asked, 43200), "理由不充分，请按期办结", cal.day(due), None)
                )  # fmt: skip
        elif category in ("open_due", "open_overdue"):
            status = IN_PROGRESS if rng.random() < 0.6 else RECEIVED
            if case_id in pending_ids:
                extensions.append(
                    (case_id, rng.randint(1, max(committed, 1)), rng.choice(EXTENSION_REASONS), handler_id,
                     cal.at(today - 1, 40000), cal.day(today), "pending", None, None, "", cal.day(due), None)
                )  # fmt: skip
        number = f"{cal.stamps[day]}{seq:04d}"
        yield (
            (case_id, number, kind, item_id, version_id, title, instruction, leader, applicant_name,
             applicant_phone, department, handler_id, received_at, cal.day(due), cal.day(original_due),
             status, overdue, overdue_since, handled_at_once, reason, completed_at, created_by),
            escalations,
            extensions,
        )  # fmt: skip


def _working_days_taken(limit: int, rng) -> int:
    """Working days from receipt to completion: mostly well within the limit, about 5 % late."""
    if limit <= 0:
        return rng.choice([0, 0, 0, 0, 1, 2])
    u = rng.random()
    if u < 0.55:
        return rng.randint(0, limit // 2)
    if u < 0.90:
        return rng.randint(limit // 2, max(limit - 1, limit // 2))
    if u < 0.95:
        return limit
    return limit + rng.randint(1, 8)


CASE_COLUMNS = [
    "id", "number", "kind", "service_item_id", "item_version_id", "title", "instruction", "leader",
    "applicant_name", "applicant_phone", "department_id", "handler_id", "received_at", "due_date",
    "original_due_date", "status", "overdue", "overdue_since", "handled_at_once", "not_at_once_reason",
    "completed_at", "created_by_id",
]  # fmt: skip
ESCALATION_COLUMNS = ["case_id", "step", "due_date", "at"]
EXTENSION_COLUMNS = [
    "case_id", "days", "reason", "requested_by_id", "requested_at", "decide_by", "status",
    "decided_by_id", "decided_at", "decision_note", "due_before", "due_after",
]  # fmt: skip


def _pending_ids(planned, bureau: Bureau, rng) -> set[int]:
    """Cases with an extension request waiting: open, not yet due, per section."""
    by_department: dict[int, list[int]] = {}
    for case_id, (_day, _seconds, category, item, _due, _ext) in enumerate(planned, start=1):
        if category == "open_due" and item >= 0:
            by_department.setdefault(bureau.items[item][2], []).append(case_id)
    chosen = set()
    for department, ids in by_department.items():
        count = PENDING_EXTENSIONS.get(bureau.department_codes[department], 2)
        chosen.update(rng.sample(ids, min(count, len(ids))))
    return chosen


def load(n: int, today: date, log) -> Loaded:
    """Generate and write N cases; returns what was written."""
    rng = random.Random(SEED)
    started = perf_counter()
    bureau = seed_bureau()
    log(f"bureau seeded in {perf_counter() - started:.1f} s (demo logins' password hashing is most of it)")
    started = perf_counter()
    cal = Calendar(date(today.year - 10, today.month, 1), today)
    planned = plan(n, cal, bureau, rng)
    pending = _pending_ids(planned, bureau, rng)
    log(f"planned {n:,} cases over {cal.days[0]} .. {cal.days[cal.today_index - 1]}")
    writer = _copy_writer if connection.vendor == "postgresql" else _sqlite_writer
    loaded = Loaded()
    counters: dict[date, int] = {}
    batch, escalations, extensions = [], [], []
    for case, case_escalations, case_extensions in rows(planned, cal, bureau, rng, pending):
        batch.append(case)
        escalations.extend(case_escalations)
        extensions.extend(case_extensions)
        received_day = case[12].astimezone(SHANGHAI).date()
        counters[received_day] = max(counters.get(received_day, 0), int(case[1][8:]))
        if len(batch) == CHUNK:
            writer(batch, escalations, extensions, loaded)
            batch, escalations, extensions = [], [], []
            if loaded.cases % 200_000 == 0:
                log(f"  {loaded.cases:,} cases written")
    writer(batch, escalations, extensions, loaded)
    DailyCounter.objects.bulk_create(
        [DailyCounter(prefix="", day=day, last=last) for day, last in counters.items()], batch_size=2000
    )
    loaded.counters = len(counters)
    loaded.seconds = perf_counter() - started
    if connection.vendor == "postgresql":
        from django.core.management.color import no_style

        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), [Case, Escalation, Extension]):
                cursor.execute(sql)
    return loaded


def _sqlite_writer(cases, escalations, extensions, loaded: Loaded) -> None:
    """One prepared INSERT per table, run with executemany: bulk_create is held to 999
    parameters a statement on SQLite (45 cases), and is several times slower."""
    ops = connection.ops

    def adapt(row):
        return [
            ops.adapt_datetimefield_value(v) if isinstance(v, datetime)
            else ops.adapt_datefield_value(v) if isinstance(v, date)
            else v
            for v in row
        ]  # fmt: skip

    with transaction.atomic(), connection.cursor() as cursor:
        for table, columns, data in (
            ("deadlines_case", CASE_COLUMNS, cases),
            ("deadlines_escalation", ESCALATION_COLUMNS, escalations),
            ("deadlines_extension", EXTENSION_COLUMNS, extensions),
        ):
            if data:
                placeholders = ", ".join(["%s"] * len(columns))
                cursor.executemany(
                    f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})",
                    [adapt(row) for row in data],
                )
    loaded.cases += len(cases)
    loaded.escalations += len(escalations)
    loaded.extensions += len(extensions)


def _copy_writer(cases, escalations, extensions, loaded: Loaded) -> None:
    connection.ensure_connection()
    raw = connection.connection
    with transaction.atomic(), raw.cursor() as cursor:
        for table, columns, data in (
            ("deadlines_case", CASE_COLUMNS, cases),
            ("deadlines_escalation", ESCALATION_COLUMNS, escalations),
            ("deadlines_extension", EXTENSION_COLUMNS, extensions),
        ):
            with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in data:
                    copy.write_row(row)
    loaded.cases += len(cases)
    loaded.escalations += len(escalations)
    loaded.extensions += len(extensions)
