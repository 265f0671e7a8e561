"""The demo bureau's inquiries: a front desk's last two weeks.

Runs after deadlines/demo.py. Every inquiry is logged and answered through
the services as of the day it happened (``core.replay``: the first
responder is computed, and transfers, case links and the hourly job's flags
are what they were on each day). Idempotent: nothing is made when the
first demo inquiry exists.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from commitments.models import ServiceItem
from core import clock
from core.replay import Replay
from inquiries import jobs, services
from inquiries.models import Inquiry, InquiryStatus, Outcome, ReferMode, Transfer
from org.models import Department, Staff
from workdays.days import UnpublishedYearError, add_working_days

# (working days back, hour, channel, kind, asked (names, together), visitor, phone, subject, item, outcome)
# outcome: ("handled", note) / ("transfer", to, note) / ("transfer_done", to, note) / ("refer", section, mode)
# / ("external", department, note) / ("case", handler) / ("open",)
INQUIRIES = [
    (
        9,
        9,
        "visit",
        "consultation",
        ["王晓燕"],
        "黄立新",
        "13805713321",
        "咨询食品经营许可办理条件",
        "XK-001",
        ("handled", "已讲解办理条件、所需材料和承诺时限，并发放办事指南。"),
    ),
    (
        8,
        10,
        "phone",
        "consultation",
        ["王晓燕"],
        "陆女士",
        "13906528874",
        "询问药品经营许可证延续的时间",
        "XK-005",
        ("handled", "已告知应在有效期届满 6 个月前提出延续申请。"),
    ),
    # Asked together: the deputy chief outranks the clerk, whatever order they were entered in.
    (
        7,
        14,
        "visit",
        "consultation",
        ["王晓燕", "赵丽"],
        "杭州鑫源贸易有限公司",
        "13757100921",
        "咨询经营范围变更是否需要重新审批",
        "XK-001",
        ("handled", "副科长当场答复：不涉及许可事项的变更无需审批。"),
    ),
    (
        6,
        11,
        "visit",
        "application",
        ["王晓燕"],
        "李建平",
        "13588190062",
        "申请食品经营许可（小餐饮）",
        "XK-001",
        ("case", "张建国"),
    ),
    (
        5,
        15,
        "visit",
        "consultation",
        ["吴磊"],
        "杭州乐活健身有限公司",
        "13858196643",
        "咨询游泳场所卫生许可",
        "XK-008",
        ("transfer_done", "孙婷", "经办人外出培训，已受理登记，转交经办人回电。"),
    ),
    (
        4,
        9,
        "visit",
        "consultation",
        ["王晓燕"],
        "周先生",
        "13967122208",
        "咨询个体工商户年报逾期如何处理",
        None,
        ("refer", "market", ReferMode.GUIDED),
    ),
    (
        3,
        10,
        "phone",
        "consultation",
        ["吴磊"],
        "徐女士",
        "18857103316",
        "咨询灵活就业人员社保补贴申领",
        None,
        (
            "external",
            "区人力资源和社会保障局",
            "不属本局职责，已告知区人社局地址（市民中心 B 座 3 楼）和电话。",
        ),
    ),
    (
        2,
        16,
        "letter",
        "report",
        ["王晓燕"],
        "匿名群众（留电话）",
        "13656712280",
        "反映某窗口工作人员办事推诿",
        None,
        ("handled", "已登记在册，报效能监督室调查处理，并告知反映人处理时限。"),
    ),
    (
        1,
        14,
        "visit",
        "consultation",
        ["王晓燕"],
        "孙先生",
        "13819075531",
        "咨询医疗器械经营备案材料",
        "XK-012",
        ("transfer", "张建国", "经办人在外核查，已受理并登记联系电话，请经办人回复。"),
    ),
    (
        0,
        10,
        "visit",
        "consultation",
        ["沈琳"],
        "钱女士",
        "15867120094",
        "咨询农贸市场摊位登记",
        "SJ-003",
        ("handled", "已告知登记流程和所需材料。"),
    ),
    # Left without an outcome: the hourly job flags it and tells the chief.
    (
        3,
        11,
        "phone",
        "contact",
        ["钱伟"],
        "区政务服务中心",
        "0571-8765-4321",
        "联系窗口进驻人员调整事宜",
        None,
        ("open",),
    ),
]


def _moment(day, hour):
    return timezone.make_aware(datetime.combine(day, time(hour, 5 * (hour % 7))))


def _log(row, staff, items, departments):
    """The visitor comes: logged at the desk; answered a quarter of an hour later."""
    _back, _hour, channel, kind, asked, visitor, phone, subject, code, outcome = row
    inquiry = services.inquiry_log(
        actor=staff[asked[0]].user,
        channel=channel,
        kind=kind,
        subject=subject,
        asked_staff=[staff[name] for name in asked],
        visitor_name=visitor,
        visitor_phone=phone,
        service_item=items.get(code),
    )
    if outcome[0] == "open":
        return []
    return [(clock.now() + timedelta(minutes=15), lambda: _answer(inquiry, outcome, staff, departments))]


def _answer(inquiry, outcome, staff, departments):
    responder = inquiry.first_responder.user
    what = outcome[0]
    if what == "handled":
        services.inquiry_record_outcome(
            actor=responder, inquiry=inquiry, outcome=Outcome.HANDLED, note=outcome[1]
        )
    elif what in ("transfer", "transfer_done"):
        services.inquiry_record_outcome(
            actor=responder,
            inquiry=inquiry,
            outcome=Outcome.TRANSFER,
            transfer_to=staff[outcome[1]],
            note=outcome[2],
        )
    elif what == "refer":
        services.inquiry_record_outcome(
            actor=responder,
            inquiry=inquiry,
            outcome=Outcome.REFER,
            refer_department=departments[outcome[1]],
            refer_mode=outcome[2],
            note="已引导至该科室。",
        )
    elif what == "external":
        services.inquiry_record_outcome(
            actor=responder,
            inquiry=inquiry,
            outcome=Outcome.EXTERNAL,
            external_department=outcome[1],
            note=outcome[2],
        )
    elif what == "case":
        try:
            add_working_days(clock.localdate(), inquiry.service_item.current.committed_days)
        except UnpublishedYearError:
            # Late December, next year's schedule not entered: the case's due date cannot be
            # counted, so the desk would be refused; the application waits, as it would.
            return []
        services.inquiry_open_case(actor=responder, inquiry=inquiry, handler=staff[outcome[1]])
    if what != "transfer_done":
        return []

    # The handler acknowledged the transfer the next morning.
    def acknowledge():
        services.transfer_acknowledge(
            actor=staff[outcome[1]].user, transfer=Transfer.objects.get(inquiry=inquiry)
        )

    return [(clock.now() + timedelta(hours=20), acknowledge)]


def seed() -> str:
    first_subject = INQUIRIES[0][7]
    made = 0
    if not Inquiry.objects.filter(subject=first_subject).exists():
        today = timezone.localdate()
        staff = {member.name: member for member in Staff.objects.select_related("user", "department")}
        items = {item.code: item for item in ServiceItem.objects.all()}
        departments = {department.code: department for department in Department.objects.all()}
        replay = Replay()
        first_day = today
        for row in INQUIRIES:
            day = add_working_days(today, -row[0])
            first_day = min(first_day, day)
            replay.add(_moment(day, row[1]), lambda row=row: _log(row, staff, items, departments))
            made += 1
        # The hourly job, as its first run of each day, and this hour's run.
        replay.every_day(first_day, today, time(0, 10), jobs.flag_unowned)
        replay.run()
        jobs.flag_unowned()
    demo = Inquiry.objects.filter(created_by__staff__isnull=False)
    still_open = demo.exclude(status=InquiryStatus.CLOSED).count()
    flagged = demo.filter(flagged=True).count()
    return f"{demo.count()} inquiries ({made} new), {still_open} open, {flagged} flagged"
