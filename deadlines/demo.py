"""The demo bureau's cases: about forty across the approval and market sections.

Runs after commitments/demo.py. Every case is received through the services,
with its received time in October or November 2026, so its due date is the
one the official calendar gives; then the jobs flag and escalate the overdue
ones. Dates are counted back from today (at the latest the end of November
2026), so that the open cases are due around the day the demo is shown. The
leader's instruction is opened today, so only while today is in those months.

Idempotent: when a demo case exists already (found by the applicants below
or the instruction's title), nothing is made.
"""

from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone

from commitments.models import ServiceItem
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


def _anchor(today: date) -> date:
    """The last working day on or before today, in November 2026 at the latest."""
    day = min(today, LAST_DAY)
    return add_working_days(day + timedelta(days=1), -1)


def _moment(day: date, index: int) -> datetime:
    """A time in office hours, different for each case, and never in the future."""
    minutes = 9 * 60 + 5 + (index * 37) % 420
    moment = timezone.make_aware(datetime.combine(day, time(minutes // 60, minutes % 60)))
    return min(moment, timezone.now() - timedelta(minutes=5))


def _demo_cases():
    applicants = [applicant for _item, _handler, applicant, *_rest in CASES]
    return Case.objects.filter(
        Q(kind=CaseKind.SERVICE, applicant_name__in=applicants)
        | Q(kind=CaseKind.INSTRUCTION, title=INSTRUCTION["title"])
    )


def _set_completed(case: Case, day: date) -> None:
    # Demo data only: the service stamps the completion with now; the demo's
    # history needs it on the day it happened.
    completed_at = max(_moment(day, case.pk + 3), case.received_at + timedelta(hours=1))
    Case.objects.filter(pk=case.pk).update(completed_at=completed_at)


def _receive(code, handler_name, applicant, phone, received_at, what, items, staff):
    item = items[code]
    desk = staff[FRONT_DESK[item.department.code]].user
    handler = staff[handler_name]
    case = services.case_open(
        actor=desk,
        service_item=item,
        applicant_name=applicant,
        applicant_phone=phone,
        handler=handler,
        handled_at_once=what[0] == "at_once",
        not_at_once_reason=what[1] if what[0] == "next_day" else "",
        received_at=received_at,
    )
    if what[0] == "done":
        services.case_complete(actor=handler.user, case=case)
        _set_completed(case, add_working_days(case.due_date, what[1]))
    elif what[0] == "next_day":
        services.case_complete(actor=handler.user, case=case)
        _set_completed(case, add_working_days(timezone.localdate(received_at), 1))
    elif what[0] == "started":
        services.case_start(actor=handler.user, case=case)
    elif what[0] == "withdrawn":
        services.case_withdraw(actor=handler.user, case=case, reason=what[1])
    elif what[0] == "extension":
        days, reason, decision, note = what[1:]
        services.case_start(actor=handler.user, case=case)
        extension = services.extension_request(actor=handler.user, case=case, days=days, reason=reason)
        if decision != "pending":
            chief = staff[CHIEFS[item.department.code]].user
            decide = services.extension_approve if decision == "approved" else services.extension_reject
            decide(actor=chief, extension=extension, note=note)


def _instruction_due(today: date) -> date | None:
    """The instruction is opened today (the service gives it no other received
    date), so only while today is in the demo's months."""
    if not FIRST_DAY <= today <= LAST_DAY:
        return None
    try:
        return min(add_working_days(today, INSTRUCTION["working_days"]), LAST_DUE)
    except UnpublishedYearError:
        return LAST_DUE


def seed() -> str:
    made = 0
    if not _demo_cases().exists():
        today = timezone.localdate()
        anchor = _anchor(today)
        items = {item.code: item for item in ServiceItem.objects.select_related("department", "current")}
        staff = {member.name: member for member in Staff.objects.select_related("user", "department")}
        received = sorted(
            (
                _moment(max(add_working_days(anchor, -back), FIRST_DAY), index),
                code,
                handler,
                applicant,
                phone,
                what,
            )
            for index, (code, handler, applicant, phone, back, what) in enumerate(CASES)
        )
        # In the order they came in, so that each day's numbers count up through the day.
        for received_at, code, handler, applicant, phone, what in received:
            _receive(code, handler, applicant, phone, received_at, what, items, staff)
            made += 1
        due = _instruction_due(today)
        if due is not None:
            services.case_open_instruction(
                actor=staff[INSTRUCTION["opened_by"]].user,
                title=INSTRUCTION["title"],
                instruction=INSTRUCTION["instruction"],
                leader=INSTRUCTION["leader"],
                due_date=due,
                handler=staff[INSTRUCTION["handler"]],
            )
            made += 1
        # What the hourly jobs would have done by now: reminders, overdue flags, escalations.
        jobs.remind_due_soon()
        jobs.flag_overdue()
        jobs.escalate_overdue()
    cases = _demo_cases()
    return (
        f"{cases.count()} cases ({made} new), {cases.open().count()} open, "
        f"{cases.filter(overdue=True).count()} overdue, "
        f"{Extension.objects.filter(case__in=cases, status=ExtensionStatus.PENDING).count()} "
        "extension requests waiting"
    )
