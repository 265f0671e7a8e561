"""The demo bureau's refusals (rule 6): in each of the approval and market
sections one confirmed, one overturned and one waiting for the chief.

- Approval (chief 李红梅): a food licence refused after the site check,
  confirmed, and its refusal notice handed to the applicant; a pharmacy's
  application refused for want of a pharmacist, overturned (the shortfall
  could be cured in review), the case open again and due later by the days of
  review; an application at the window not accepted yesterday, due for review
  tomorrow (the chief's queue and home card, the reminder job).
- Market (chief 陈静): an application at the window not accepted, confirmed,
  its notice ready to print; a verification refused as outside the compulsory
  list, overturned; a removal from the abnormal list refused, its review late
  (the supervisors told by the escalation job).

Runs after notifications/demo.py. Each matter is received or logged, refused,
decided and its notice given through the services as of the days it happened
(``core.replay``), with the review jobs' daily runs, so a matter's events
follow its receipt in time order, and the refusals' own events are appended in
the order of the moments they record. Counted back from the last working day
on or before today (in 2026, whose calendar is published), so the waiting
refusals are due around the day the demo is shown.

Idempotent: when a demo matter exists already (found by its applicant),
nothing is made.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from constance import config
from django.utils import timezone

from commitments.models import ServiceItem
from core import clock
from core.replay import Replay
from deadlines.models import Case
from deadlines.services import case_open
from inquiries.models import Channel, Inquiry, InquiryKind
from inquiries.services import inquiry_log
from org.models import Staff
from refusals import jobs
from refusals.models import Refusal, RefusalKind, RefusalStatus
from refusals.services import refusal_confirm, refusal_file, refusal_notice_give, refusal_overturn
from workdays.days import UnpublishedYearError, add_working_days

# 2027's schedule is not in the calendar yet: the refusals are told in 2026.
LAST_DAY = date(2026, 12, 30)
FRONT_DESK = {"approval": "王晓燕", "market": "沈琳"}
CHIEFS = {"approval": "李红梅", "market": "陈静"}
JOBS_AT = time(0, 10)


@dataclass(frozen=True)
class Told:
    """One demo refusal: the matter (a case, or an application inquiry at the
    window), the refusal, and what the chief did. ``received`` and ``refused``
    are working days before the anchor day; ``decided`` one working day after
    refusing (``None``: still waiting); ``given``: the notice handed over after."""

    item: str
    officer: str
    applicant: str
    phone: str
    subject: str
    received: int
    refused: int
    kind: str
    facts: str
    reason: str
    legal_basis: str
    cure: str = ""
    decision: str | None = None
    opinion: str = ""
    given: bool = False
    inquiry: bool = False


TOLD = [
    Told(
        item="XK-001",
        officer="孙婷",
        applicant="杭州味之源小吃店",
        phone="13867152208",
        subject="食品经营许可（新办）",
        received=9,
        refused=6,
        kind=RefusalKind.NOT_GRANTED,
        facts="现场核查发现：加工操作间与卫生间直接相通，未设置独立的食品原料贮存场所，"
        "申请人当场确认短期内无法改造。",
        reason="经营场所布局不符合食品安全要求，不具备与经营的食品品种、数量相适应的加工和贮存场所。",
        legal_basis="《中华人民共和国食品安全法》第三十五条第一款；"
        "《食品经营许可和备案管理办法》（国家市场监督管理总局令第 78 号）第十二条、第二十二条。",
        cure="按要求改造操作间、设置独立贮存场所后，可重新提出申请。",
        decision=RefusalStatus.CONFIRMED,
        opinion="现场核查记录和照片齐全，依据充分，同意不予许可。",
        given=True,
    ),
    Told(
        item="XK-005",
        officer="郑欣",
        applicant="杭州济民大药房有限公司",
        phone="13757160934",
        subject="药品零售企业许可（新办）",
        received=8,
        refused=7,
        kind=RefusalKind.NOT_ACCEPTED,
        facts="申请材料中未附执业药师注册证明，申请人称执业药师正在办理注册变更。",
        reason="未配备依法经过资格认定的药师。",
        legal_basis="《中华人民共和国药品管理法》第五十二条第一项。",
        cure="提供执业药师注册证明。",
        decision=RefusalStatus.OVERTURNED,
        opinion="执业药师注册证明属于可以补正的材料，应一次性告知补正，不应不予受理。请继续审查，"
        "审查期间的天数已退还。",
    ),
    Told(
        item="XK-008",
        officer="钱伟",
        applicant="杭州欢乐岛儿童游乐有限公司",
        phone="15858172263",
        subject="申请室内儿童游乐场所公共场所卫生许可",
        received=1,
        refused=1,
        kind=RefusalKind.NOT_ACCEPTED,
        facts="申请人拟经营室内儿童游乐场所，不属于依法需取得公共场所卫生许可的场所类别。",
        reason="申请事项依法不需要取得行政许可。",
        legal_basis="《中华人民共和国行政许可法》第三十二条第一款第一项；《公共场所卫生管理条例》第二条。",
        inquiry=True,
    ),
    Told(
        item="SJ-004",
        officer="蒋涛",
        applicant="杭州恒瑞商贸有限公司",
        phone="13967180452",
        subject="申请移出经营异常名录",
        received=5,
        refused=5,
        kind=RefusalKind.NOT_ACCEPTED,
        facts="经查询国家企业信用信息公示系统，该企业 2025 年度报告至今未补报，"
        "列入经营异常名录的情形仍未消除。",
        reason="列入经营异常名录的情形未消除，不符合申请移出的条件。",
        legal_basis="《企业信息公示暂行条例》第十七条；《市场监督管理信用修复管理办法》第八条。",
        cure="通过国家企业信用信息公示系统补报 2025 年度报告后，可再次申请移出。",
        decision=RefusalStatus.CONFIRMED,
        opinion="同意不予受理，请向申请人讲清补报年报的途径。",
        inquiry=True,
    ),
    Told(
        item="SJ-003",
        officer="卫芳",
        applicant="杭州四季鲜农副产品经营部",
        phone="13588041976",
        subject="计量器具强制检定（电子计价秤 6 台）",
        received=7,
        refused=6,
        kind=RefusalKind.NOT_ACCEPTED,
        facts="申请检定的 6 台电子计价秤为经营部自用盘点工具。",
        reason="申请检定的计量器具不属于强制检定的范围。",
        legal_basis="《中华人民共和国强制检定的工作计量器具检定管理办法》第二条。",
        decision=RefusalStatus.OVERTURNED,
        opinion="经核实，该 6 台电子计价秤在摊位上用于与顾客的贸易结算，属于强制检定目录，应予受理检定。",
    ),
    Told(
        item="SJ-004",
        officer="刘志强",
        applicant="杭州宏达五金机电有限公司",
        phone="13805719327",
        subject="经营异常名录移出申请",
        received=8,
        refused=5,
        kind=RefusalKind.NOT_GRANTED,
        facts="核实发现该企业登记的住所无法联系，申请人提交的新经营场所证明为他人名下住宅，未办理住所变更登记。",
        reason="通过登记的住所无法联系的情形尚未纠正。",
        legal_basis="《企业信息公示暂行条例》第十七条第二款；《市场监督管理信用修复管理办法》第八条。",
        cure="依法办理住所变更登记后，可再次申请移出。",
    ),
]


def _anchor(today: date, items: dict) -> date:
    """The last working day on or before today, early enough in the published
    calendar that each case's due date, moved on by the days of review, and each
    refusal's review date can be counted (a demo shown in late December)."""
    day = add_working_days(min(today, LAST_DAY) + timedelta(days=1), -1)
    while not _fits(day, items):
        day = add_working_days(day, -1)
    return day


def _fits(day: date, items: dict) -> bool:
    review = config.REFUSAL_CONFIRM_WD + 1
    try:
        add_working_days(day, review)
        for told in TOLD:
            if not told.inquiry:
                received = add_working_days(day, -told.received)
                add_working_days(received, items[told.item].current.committed_days + review)
    except UnpublishedYearError:
        return False
    return True


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


class _Story:
    """One refusal's life, as steps of a replay: each runs a service as of its
    moment and returns the steps it leads to."""

    def __init__(self, told: Told, index: int, anchor: date, items: dict, staff: dict):
        self.told = told
        self.index = index
        self.anchor = anchor
        self.item = items[told.item]
        self.officer = staff[told.officer]
        section = self.item.department.code
        self.desk = staff[FRONT_DESK[section]]
        self.chief = staff[CHIEFS[section]]
        self.matter = None
        self.refusal = None

    def _day(self, back: int) -> date:
        return add_working_days(self.anchor, -back)

    def first_step(self):
        return (_at(self._day(self.told.received), 9, 20 + self.index * 6), self.receive)

    def receive(self):
        told = self.told
        if told.inquiry:
            self.matter = inquiry_log(
                actor=self.desk.user,
                channel=Channel.VISIT,
                kind=InquiryKind.APPLICATION,
                subject=told.subject,
                asked_staff=[self.officer],
                visitor_name=told.applicant,
                visitor_phone=told.phone,
                service_item=self.item,
            )
        else:
            self.matter = case_open(
                actor=self.desk.user,
                service_item=self.item,
                applicant_name=told.applicant,
                applicant_phone=told.phone,
                handler=self.officer,
                received_at=clock.now(),
            )
        # At the window: refused within the hour; a case: after its review, in the afternoon.
        if told.refused == told.received:
            return [(clock.now() + timedelta(minutes=35), self.refuse)]
        return [(_at(self._day(told.refused), 15, 10 + self.index * 4), self.refuse)]

    def refuse(self):
        told = self.told
        self.refusal = refusal_file(
            actor=self.officer.user,
            kind=told.kind,
            facts=told.facts,
            reason=told.reason,
            legal_basis=told.legal_basis,
            cure=told.cure,
            **{"inquiry" if told.inquiry else "case": self.matter},
        )
        if told.decision is None:
            return []
        return [(_at(add_working_days(clock.localdate(), 1), 10, 30 + self.index * 3), self.decide)]

    def decide(self):
        told = self.told
        if told.decision == RefusalStatus.CONFIRMED:
            refusal_confirm(actor=self.chief.user, refusal=self.refusal, opinion=told.opinion)
        else:
            refusal_overturn(actor=self.chief.user, refusal=self.refusal, opinion=told.opinion)
        if not told.given:
            return []
        return [(clock.now() + timedelta(hours=3, minutes=20), self.give_notice)]

    def give_notice(self):
        refusal_notice_give(actor=self.officer.user, refusal=self.refusal)


def _run_jobs():
    """The hourly review jobs: the chief reminded, the supervisors told of a late review."""
    jobs.refusal_remind_review()
    jobs.refusal_escalate_review()


def _replay(today: date) -> int:
    items = {item.code: item for item in ServiceItem.objects.select_related("department", "current")}
    anchor = _anchor(today, items)
    staff = {member.name: member for member in Staff.objects.select_related("user", "department")}
    replay = Replay()
    stories = [_Story(told, index, anchor, items, staff) for index, told in enumerate(TOLD)]
    first_steps = [story.first_step() for story in stories]
    for moment, action in first_steps:
        replay.add(moment, action)
    first = min(moment for moment, _action in first_steps).date()
    replay.every_day(first + timedelta(days=1), today, JOBS_AT, _run_jobs)
    replay.run()
    _run_jobs()
    return len(stories)


def _ready() -> bool:
    names = {told.officer for told in TOLD} | set(FRONT_DESK.values()) | set(CHIEFS.values())
    codes = {told.item for told in TOLD}
    return Staff.objects.filter(name__in=names).count() == len(names) and ServiceItem.objects.filter(
        code__in=codes, current__isnull=False
    ).count() == len(codes)


def demo_refusals():
    """The demo's refusals, found by their applicants."""
    return Refusal.objects.filter(applicant_name__in=[told.applicant for told in TOLD])


def _made_already() -> bool:
    applicants = [told.applicant for told in TOLD]
    return (
        Case.objects.filter(applicant_name__in=applicants).exists()
        or Inquiry.objects.filter(visitor_name__in=applicants).exists()
    )


def seed() -> str:
    made = 0
    if _ready() and not _made_already():
        made = _replay(timezone.localdate())
    refusals = demo_refusals()
    counts = {status: refusals.filter(status=status).count() for status in RefusalStatus.values}
    return (
        f"{refusals.count()} refusals ({made} new): {counts[RefusalStatus.CONFIRMED]} confirmed, "
        f"{counts[RefusalStatus.OVERTURNED]} overturned, {counts[RefusalStatus.FILED]} waiting for review"
    )
