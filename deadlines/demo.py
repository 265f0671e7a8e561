"""The demo bureau's cases: about forty across the approval and market sections.

Runs after commitments/demo.py. Each case's life (received, started,
extended, completed, withdrawn) is played through the services as of the
day it happened (``core.replay``), and the hourly jobs run as of each day
in between, so a case is flagged overdue the day after its due date and
every audit event and message carries the day it tells of. Cases are
received in October or November 2026, counted back from today (at the
latest the end of November 2026), so that the open cases are due around
the day the demo is shown; the leader's instruction came two working days
before that last day.

Rule 4's absences (abpositions/demo.py) are chapters of this history, played
in the same replay because the B holders act on their A holders' cases while
they are away: 刘志强's B holder starts a case of his during his leave two
weeks ago, which his handover lists; during 张建国's trip, today, his B
holder asks the section chief's consent to act on an urgent case of his and
keeps a note on another.

Idempotent: when a demo case exists already (found by the applicants below
or the instruction's title), nothing is made.
"""

from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone

from abpositions import cover
from abpositions import demo as absences_demo
from commitments.models import ServiceItem
from core import clock
from core.replay import Replay
from deadlines import jobs, services
from deadlines.models import Case, CaseKind, Extension, ExtensionStatus
from org.models import Staff
from workdays.days import UnpublishedYearError, add_working_days

FIRST_DAY = date(2026, 10, 8)  # the first working day after National Day
LAST_DAY = date(2026, 11, 30)
LAST_DUE = date(2026, 12, 31)  # 2027's schedule is not in the calendar yet

# Who receives the public at each section's window.
FRONT_DESK = {"approval": "王晓燕", "market": "沈琳"}
# Who decides the sections' extension requests (the chief and chief2 logins).
CHIEFS = {"approval": "李红梅", "market": "陈静"}

# item, handler, applicant, phone, received (working days before the anchor day), what happened.
# What happened: ("done", d) completed d working days after the due date (negative: early);
# ("at_once",) handled on the spot; ("next_day", reason) an on-the-spot item that waited a day;
# ("open",) / ("started",) still open; ("withdrawn", reason);
# ("covered", d) started the next morning by whoever answers then for the handler, away, and
# completed by the handler d working days after the due date;
# ("extension", days, reason, decision, note) with decision "pending", "approved" or "rejected".
CASES = [
    # Completed on time or early.
    ("XK-001", "张建国", "杭州味佳餐饮管理有限公司", "13857120318", 30, ("done", -2)),
    ("XK-002", "钱伟", "陈国平", "13906712254", 26, ("done", -1)),
    ("XK-008", "孙婷", "西湖区悦享美容美发店", "15888140627", 24, ("done", -3)),
    ("XK-003", "郑欣", "刘桂芳", "13605819943", 20, ("done", -2)),
    ("XK-005", "赵丽", "杭州康宁大药房连锁有限公司", "13757168802", 28, ("done", -4)),
    ("XK-014", "魏然", "杭州恒通物业服务有限公司", "18969032175", 16, ("done", -1)),
    ("XK-009", "张建国", "杭州蓝湾酒店有限公司", "13967100486", 12, ("done", -2)),
    ("XK-012", "李红梅", "浙江安康医疗器械有限公司", "13819147720", 33, ("done", -2)),
    ("SJ-002", "刘志强", "周建华", "13588012369", 27, ("done", -3)),
    ("SJ-001", "卫芳", "吴晓丽", "15967133054", 18, ("done", -1)),
    ("SJ-004", "蒋涛", "杭州启明电子商务有限公司", "13666619821", 14, ("done", -2)),
    ("SJ-003", "冯刚", "城东农贸市场管理有限公司", "13735502846", 25, ("done", 0)),
    # Completed late.
    ("XK-001", "孙婷", "杭州老街坊面馆", "13867415590", 29, ("done", 2)),
    ("SJ-002", "刘志强", "郑海燕", "18757190432", 22, ("done", 1)),
    ("XK-002", "钱伟", "杭州小蜜蜂烘焙坊", "13516820077", 19, ("done", 3)),
    # On the spot.
    ("XK-006", "钱伟", "李志明", "13858011726", 10, ("at_once",)),
    ("XK-010", "孙婷", "杭州便民优选超市", "15268117349", 6, ("at_once",)),
    ("XK-011", "郑欣", "杭州仁和医疗用品有限公司", "13906509818", 3, ("at_once",)),
    ("XK-004", "魏然", "王秀英", "13605711263", 1, ("at_once",)),
    (
        "XK-007",
        "张建国",
        "赵建军",
        "13819488250",
        8,
        ("next_day", "营业执照打证设备故障，次日办结并电话通知申请人领取。"),
    ),
    # Withdrawn by the applicant.
    (
        "XK-008",
        "赵丽",
        "杭州碧水游泳健身有限公司",
        "13588760914",
        15,
        ("withdrawn", "申请人书面申请撤回：经营场所另行选址。"),
    ),
    # Open, due today or in the next few days.
    ("XK-001", "张建国", "杭州一品鲜餐饮有限公司", "13957126631", 10, ("started",)),
    ("XK-009", "张建国", "杭州如家快捷酒店西溪店", "15857187740", 4, ("open",)),
    ("XK-005", "郑欣", "杭州同心堂药店有限公司", "13806525197", 11, ("started",)),
    ("SJ-001", "刘志强", "孙丽华", "13777802583", 3, ("started",)),
    ("SJ-004", "卫芳", "杭州鑫盛建材贸易有限公司", "18806519362", 4, ("open",)),
    ("XK-002", "魏然", "杭州香满楼酒家", "13588192048", 7, ("open",)),
    # Open, due next week or later.
    ("XK-008", "钱伟", "杭州丽人美甲店", "15967180215", 5, ("open",)),
    ("XK-012", "张建国", "杭州德康医疗科技有限公司", "13857193356", 2, ("started",)),
    ("SJ-003", "蒋涛", "杭州联华农产品批发市场", "13967169423", 6, ("started",)),
    ("SJ-002", "刘志强", "黄建明", "13738016674", 1, ("open",)),
    ("XK-014", "孙婷", "杭州华达电梯工程有限公司", "13605790488", 0, ("open",)),
    # Received the working day before 刘志强's leave; his B holder starts it while he is away.
    ("SJ-002", "刘志强", "何伟民", "13567198804", absences_demo.LEAVE_BACK + 1, ("covered", -3)),
    # Overdue: received in October with short limits, still open.
    ("XK-013", "张建国", "杭州顺达物流有限公司", "13957180319", 22, ("started",)),
    ("SJ-001", "刘志强", "马晓东", "15888020753", 21, ("started",)),
    ("XK-003", "魏然", "杭州好运来小吃店", "13616528802", 19, ("open",)),
    ("SJ-004", "卫芳", "杭州创新科技发展有限公司", "13868042596", 20, ("open",)),
    ("XK-009", "钱伟", "杭州金色年华足浴店", "13758127964", 23, ("started",)),
    # Extension requests: one waiting for 李红梅 (chief), one for 陈静 (chief2), and two decided.
    (
        "XK-005",
        "张建国",
        "杭州百姓大药房有限公司",
        "13506816627",
        9,
        ("extension", 5, "需现场核查药品仓储条件，第三方温湿度检测报告预计下周出具。", "pending", ""),
    ),
    (
        "SJ-002",
        "刘志强",
        "陈美玲",
        "13958065541",
        8,
        ("extension", 5, "被举报经营者外出未归，需延期约谈并调取进货台账核实。", "pending", ""),
    ),
    (
        "XK-012",
        "钱伟",
        "浙江仁心医疗器械有限公司",
        "13867190583",
        9,
        (
            "extension",
            3,
            "企业仓库正在按核查意见整改，需整改后再次现场核查。",
            "approved",
            "同意延期3个工作日。",
        ),
    ),
    (
        "SJ-003",
        "卫芳",
        "杭州万家福超市有限公司",
        "13777461830",
        7,
        (
            "extension",
            5,
            "检定用标准砝码送省计量院校准。",
            "rejected",
            "可协调邻区检定机构借用标准器，按原时限办结。",
        ),
    ),
]

INSTRUCTION = {
    "title": "关于城东农贸市场食品经营许可集中办理情况的报告",
    "instruction": (
        "请审批科摸清城东农贸市场在办食品经营许可的件数、办理进度和堵点，提出集中办理方案，按期报局长室。"
    ),
    "leader": "王立新副局长",
    "handler": "张建国",
    "opened_by": "李红梅",
    "working_days": 7,
}
# The instruction came from the leader this many working days before the demo's last day.
INSTRUCTION_BACK = 2
# What 张建国's B holder could not handle for him on his trip.
COVER_NOTE = "申请人来电要求调整现场核查时间，需经办人本人与其商定，已告知待张建国出差返岗后回复。"
# When the first run of the hourly jobs each day finds what changed overnight.
JOBS_AT = time(0, 10)


def _anchor(today: date) -> date:
    """The last working day on or before today, in November 2026 at the latest."""
    day = min(today, LAST_DAY)
    return add_working_days(day + timedelta(days=1), -1)


def _moment(day: date, index: int) -> datetime:
    """A time in office hours, different for each case."""
    minutes = 9 * 60 + 5 + (index * 37) % 420
    return timezone.make_aware(datetime.combine(day, time(minutes // 60, minutes % 60)))


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _demo_cases():
    applicants = [applicant for _item, _handler, applicant, *_rest in CASES]
    return Case.objects.filter(
        Q(kind=CaseKind.SERVICE, applicant_name__in=applicants)
        | Q(kind=CaseKind.INSTRUCTION, title=INSTRUCTION["title"])
    )


class _Story:
    """One demo case's life, as steps of a replay: each step runs a service
    as of its moment and returns the steps it leads to."""

    def __init__(self, row, index, items, staff):
        code, handler_name, self.applicant, self.phone, _back, self.what = row
        self.index = index
        self.item = items[code]
        self.handler = staff[handler_name]
        self.desk = staff[FRONT_DESK[self.item.department.code]].user
        self.chief = staff[CHIEFS[self.item.department.code]].user
        self.case = None
        self.extension = None

    def receive(self):
        what = self.what
        self.case = services.case_open(
            actor=self.desk,
            service_item=self.item,
            applicant_name=self.applicant,
            applicant_phone=self.phone,
            handler=self.handler,
            handled_at_once=what[0] == "at_once",
            not_at_once_reason=what[1] if what[0] == "next_day" else "",
            received_at=clock.now(),
        )
        received = clock.localdate()
        later = clock.now() + timedelta(hours=1, minutes=self.index % 50)
        if what[0] == "done":
            completed = _moment(add_working_days(self.case.due_date, what[1]), self.index + 3)
            return [(max(completed, later), self.complete)]
        if what[0] == "next_day":
            return [(_at(add_working_days(received, 1), 10, 20), self.complete)]
        if what[0] == "withdrawn":
            return [(_at(add_working_days(received, 2), 15, 40), self.withdraw)]
        if what[0] in ("started", "extension"):
            return [(later, self.start)]
        if what[0] == "covered":
            return [(_at(add_working_days(received, 1), 10, 30), self.start_for_the_away)]
        return []

    def start(self):
        services.case_start(actor=self.handler.user, case=self.case)
        if self.what[0] != "extension":
            return []
        # Asked two working days before the due date, when it was clear it would not be met.
        asked = max(add_working_days(self.case.due_date, -2), clock.localdate())
        return [(_at(asked, 16, 10), self.ask_extension)]

    def start_for_the_away(self):
        """Started by whoever answers for the handler now, recorded as done for them."""
        covering = cover.covering([self.handler.pk]).get(self.handler.pk) or [self.handler]
        services.case_start(actor=covering[0].user, case=self.case)
        completed = _moment(add_working_days(self.case.due_date, self.what[1]), self.index + 3)
        return [(max(completed, clock.now() + timedelta(hours=1)), self.complete)]

    def complete(self):
        services.case_complete(actor=self.handler.user, case=self.case)

    def withdraw(self):
        services.case_withdraw(actor=self.handler.user, case=self.case, reason=self.what[1])

    def ask_extension(self):
        days, reason, decision, _note = self.what[1:]
        self.extension = services.extension_request(
            actor=self.handler.user, case=self.case, days=days, reason=reason
        )
        if decision == "pending":
            return []
        return [(_at(add_working_days(clock.localdate(), 1), 9, 40), self.decide)]

    def decide(self):
        decision, note = self.what[3:]
        decide = services.extension_approve if decision == "approved" else services.extension_reject
        decide(actor=self.chief, extension=self.extension, note=note)


def _instruction_due(opened: date) -> date:
    try:
        return min(add_working_days(opened, INSTRUCTION["working_days"]), LAST_DUE)
    except UnpublishedYearError:
        return LAST_DUE


def _open_instruction(staff):
    services.case_open_instruction(
        actor=staff[INSTRUCTION["opened_by"]].user,
        title=INSTRUCTION["title"],
        instruction=INSTRUCTION["instruction"],
        leader=INSTRUCTION["leader"],
        due_date=_instruction_due(clock.localdate()),
        handler=staff[INSTRUCTION["handler"]],
    )


def _cover_on_the_trip(chapter: absences_demo.Chapter) -> list:
    """张建国's B holder, the trip begun, asks the section chief's consent to act
    on his most pressing case (urgent: B may not act on it before) and notes on
    the one due last what they could not handle for him."""
    holder = chapter.on_trip
    started = chapter.trip[0]

    def b_holder():
        return cover.covering([holder.pk])[holder.pk][0].user

    def ask_consent():
        pressing = Case.objects.open().filter(handler=holder).order_by("due_date", "pk")
        case = next(case for case in pressing if services.is_urgent(case))
        services.case_consent_ask(actor=b_holder(), case=case)

    def keep_note():
        last = Case.objects.open().filter(handler=holder, kind=CaseKind.SERVICE).order_by("-due_date", "-pk")
        services.case_cover_note_add(actor=b_holder(), case=last.first(), text=COVER_NOTE)

    return [
        (started + timedelta(hours=1, minutes=10), ask_consent),
        (started + timedelta(hours=1, minutes=40), keep_note),
    ]


def _run_jobs():
    """What the hourly jobs do: reminders, overdue flags, escalations."""
    jobs.remind_due_soon()
    jobs.flag_overdue()
    jobs.escalate_overdue()


def _replay(today: date) -> int:
    """Every case's life and the jobs' daily runs, played in the order they happened."""
    anchor = _anchor(today)
    items = {item.code: item for item in ServiceItem.objects.select_related("department", "current")}
    staff = {member.name: member for member in Staff.objects.select_related("user", "department")}
    replay = Replay()
    for index, row in enumerate(CASES):
        received = max(add_working_days(anchor, -row[4]), FIRST_DAY)
        replay.add(_moment(received, index), _Story(row, index, items, staff).receive)
    replay.add(_at(add_working_days(anchor, -INSTRUCTION_BACK), 15, 30), lambda: _open_instruction(staff))
    chapter = absences_demo.Chapter(staff, anchor)
    for moment, action in [*chapter.steps(), *_cover_on_the_trip(chapter)]:
        replay.add(moment, action)
    # The jobs run every hour; the first run of each day is the one that finds the day's changes.
    replay.every_day(FIRST_DAY, today, JOBS_AT, _run_jobs)
    replay.run()
    # And this hour's run.
    _run_jobs()
    return len(CASES) + 1


def seed() -> str:
    made = 0
    if not _demo_cases().exists():
        made = _replay(timezone.localdate())
    cases = _demo_cases()
    return (
        f"{cases.count()} cases ({made} new), {cases.open().count()} open, "
        f"{cases.open().filter(overdue=True).count()} overdue, "
        f"{Extension.objects.filter(case__in=cases, status=ExtensionStatus.PENDING).count()} "
        "extension requests waiting"
    )
