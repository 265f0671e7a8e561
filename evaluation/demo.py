"""The demo bureau's ratings (rule 8, 好差评) and the follow-ups of its poor
ratings (差评整改), in the approval and market sections over October to
December, so the figures and the dashboard's trends have months to compare.

- The deadlines demo's completed cases are rated by their applicants a day or
  two after completion (at the window's device at once), by QR code, text
  message link, website or device: most 非常满意 or 满意, some 基本满意. Two
  are left unrated and get the default rating (基本满意, stored as a default)
  from the daily job seven days after completion.
- Poor ratings, each with ticked reasons and text, and each follow-up in a
  different state: 张建国's (login handler) next-day licence, called back by
  李红梅 (login chief), fixed and graded 满意 by the rater; a report's rating
  in the market section appealed by 陈静 (chief2) as aimed at the outcome, not
  the service, and upheld by 周敏 (supervisor), the rating excluded; and on
  the cases added below, one waiting for the call-back (due in a few days),
  one of 张建国's called back and being fixed, one appealed and waiting for
  the supervisor, and one in the market section never called back, escalated
  by the job the day after it was due and carded by rule 7's collection
  (a ``poor_rating`` record against its handler).

The deadlines demo's cases end in November, whatever the day the demo is
shown, so the follow-ups still running need matters of the last days: a
handful of cases added here (``ADDED``), received and completed at the
window through the deadlines services in the days before the anchor day.

Runs after accountability/demo.py, through the services and the daily jobs
(default rating, follow-up reminder and escalation, rule 7's collection and
red card) as of the days it tells of (``core.replay``), so its audit events
are appended in time order. Counted back from the last working day on or
before today (in 2026, whose calendar is published). Idempotent: when an
added case exists already, nothing is made.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from accountability import jobs as accountability_jobs
from commitments.models import ServiceItem
from core import clock
from core.replay import Replay
from deadlines import demo as deadlines_demo
from deadlines import services as cases
from deadlines.models import Case, CaseStatus
from evaluation import jobs, services
from evaluation.models import (
    AppealStatus,
    FollowUp,
    FollowUpStatus,
    FollowUpStep,
    Grade,
    PoorReason,
    Rating,
    RatingChannel,
)
from evaluation.tokens import token_for
from org.models import Staff
from workdays.days import add_working_days

LAST_DAY = date(2026, 12, 30)
SUPERVISOR = "周敏"
JOBS_AT = time(8, 35)

# What becomes of a poor rating's follow-up.
OPEN, CALLED, FIXED, LATE, UPHELD, WAITING = "open", "called", "fixed", "late", "upheld", "waiting"


@dataclass(frozen=True)
class Rate:
    """One applicant's rating: ``after`` working days after completion, at
    ``hour`` (at the window's device: minutes after); a poor one with its ``story``."""

    level: int
    channel: str
    after: int = 1
    hour: int = 10
    reason: str = ""
    tags: tuple = ()
    story: str = ""


@dataclass(frozen=True)
class Added:
    """A case added for the ratings of the last days: received ``received`` and
    completed ``completed`` working days before the anchor day."""

    item: str
    handler: str
    applicant: str
    phone: str
    received: int
    completed: int
    rate: Rate | None = field(default=None)


CALL_NOTE = {
    FIXED: "已电话联系赵先生，就打证设备故障让其多跑一趟致歉，说明了原因；"
    "申请人表示理解，希望今后设备故障时能邮寄送达。",
    CALLED: "已电话联系申请人并致歉，说明租赁合同原件用于核对经营场所；申请人表示理解，希望办事指南写清楚。"
    "正在协调修改办事指南和网上材料清单。",
}
FIX_NOTE = (
    "已为窗口配备备用打证设备；设备故障时当场受理、免费邮寄送达营业执照，"
    "已写入窗口服务规范并对窗口人员进行培训。"
)
APPEAL = {
    UPHELD: "该举报已在承诺时限内核查并书面告知举报人处理结果，评价内容针对的是对被举报经营者的处理结果，"
    "而非本科室的办事服务，属于对执法结果的异议，应通过行政复议等途径解决，申请复核。",
    WAITING: "该备案当场办结，全程未安排现场核查；经调取窗口录音录像，"
    "工作人员按办事指南一次性告知、用语规范。"
    "评价中所称'现场看'系申请人另一门店食品经营许可的现场核查，与本次备案无关，申请复核。",
}
APPEAL_OPINION = (
    "经核查，该举报按期核查、按期告知，差评系对被举报人的处理结果有异议，不属于对办事服务的评价。"
    "申诉成立，该评价不计入考评。"
)

# The deadlines demo's completed cases, by applicant: who rated how.
RATED = {
    "杭州味佳餐饮管理有限公司": Rate(5, RatingChannel.QR, hour=20),
    "陈国平": Rate(5, RatingChannel.SMS, hour=9),
    "杭州康宁大药房连锁有限公司": Rate(4, RatingChannel.WEB, after=2, hour=14),
    "周建华": Rate(
        1,
        RatingChannel.WEB,
        hour=21,
        reason="举报的商家到现在还在卖过期食品，你们只是责令改正，根本不罚款，就是包庇。",
        tags=("其他",),
        story=UPHELD,
    ),
    "杭州老街坊面馆": Rate(3, RatingChannel.SMS, hour=18, reason="比承诺时间晚了两天才拿到许可证。"),
    "西湖区悦享美容美发店": Rate(5, RatingChannel.QR, after=2, hour=11),
    "刘桂芳": Rate(5, RatingChannel.DEVICE, after=0),
    "吴晓丽": Rate(4, RatingChannel.SMS, hour=19),
    "杭州恒通物业服务有限公司": Rate(5, RatingChannel.WEB, hour=16),
    "杭州启明电子商务有限公司": Rate(5, RatingChannel.QR, hour=10),
    "郑海燕": Rate(3, RatingChannel.SMS, after=2, hour=20),
    "李志明": Rate(5, RatingChannel.DEVICE, after=0),
    "杭州小蜜蜂烘焙坊": Rate(
        3, RatingChannel.WEB, hour=22, reason="变更许可比承诺时间晚了三天，好在窗口提前打电话说明了情况。"
    ),
    "杭州蓝湾酒店有限公司": Rate(4, RatingChannel.QR, hour=15),
    "赵建军": Rate(
        2,
        RatingChannel.SMS,
        hour=19,
        reason="说好当场办结，结果打证设备坏了，让我第二天又跑了一趟。",
        tags=("多次跑腿",),
        story=FIXED,
    ),
    "杭州便民优选超市": Rate(5, RatingChannel.DEVICE, after=0),
    "何伟民": Rate(4, RatingChannel.WEB, after=2, hour=13),
    "杭州仁和医疗用品有限公司": Rate(5, RatingChannel.QR, hour=12),
    "王秀英": Rate(4, RatingChannel.DEVICE, after=0),
    # Left unrated, given the default by the job: 浙江安康医疗器械有限公司, 城东农贸市场管理有限公司.
}

# Added here (not in the deadlines demo): cases of the days before the anchor
# day, at the window, so that the follow-ups still running are due around the
# day the demo is shown, and the ratings reach December in both sections.
ADDED = [
    Added(
        "XK-006",
        "钱伟",
        "吴美娟",
        "13588217406",
        received=3,
        completed=3,
        rate=Rate(
            2,
            RatingChannel.DEVICE,
            after=0,
            reason="窗口工作人员办理中途接了二十多分钟电话，让我一直站着等，也没有解释。",
            tags=("服务态度差",),
            story=OPEN,
        ),
    ),
    Added(
        "XK-007",
        "张建国",
        "上城区清河坊茶叶店",
        "13957108853",
        received=5,
        completed=5,
        rate=Rate(
            2,
            RatingChannel.SMS,
            hour=19,
            reason="网上办事指南没写要带租赁合同原件，到了窗口才告知，只好回去取了再来。",
            tags=("材料要求不清", "多次跑腿"),
            story=CALLED,
        ),
    ),
    Added(
        "XK-010",
        "孙婷",
        "杭州佳佳乐便利店",
        "15157162290",
        received=3,
        completed=3,
        rate=Rate(
            1,
            RatingChannel.WEB,
            after=0,
            hour=21,
            reason="你们就是故意刁难，别的区都不用现场看。",
            story=WAITING,
        ),
    ),
    Added("XK-006", "郑欣", "钟丽萍", "13605817729", received=2, completed=2, rate=Rate(5, RatingChannel.QR)),
    # Completed yesterday and not rated yet: its rating link still works.
    Added("XK-010", "魏然", "杭州邻里鲜果店", "18858120736", received=1, completed=1),
    Added(
        "SJ-001",
        "卫芳",
        "黄志刚",
        "13819170264",
        received=12,
        completed=10,
        rate=Rate(
            2,
            RatingChannel.SMS,
            hour=20,
            reason="投诉受理后一直没人联系我，打了三次电话才知道商家已经调解过了。",
            tags=("办事效率低",),
            story=LATE,
        ),
    ),
    Added(
        "SJ-004",
        "蒋涛",
        "杭州和顺贸易有限公司",
        "13705719948",
        received=8,
        completed=6,
        rate=Rate(4, RatingChannel.WEB, hour=15),
    ),
]


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


class _Bureau:
    """The demo's people, reasons and days, counted back from the anchor day."""

    def __init__(self, today: date):
        self.anchor = add_working_days(min(today, LAST_DAY) + timedelta(days=1), -1)
        self.staff = {member.name: member for member in Staff.objects.select_related("user", "department")}
        self.supervisor = self.staff[SUPERVISOR].user
        self.reasons = {reason.name: reason for reason in PoorReason.objects.filter(active=True)}

    def day(self, back: int) -> date:
        return add_working_days(self.anchor, -back)


class _Rating:
    """One case's rating and its follow-up, as steps of the replay."""

    def __init__(self, rate: Rate, bureau: _Bureau, index: int):
        self.rate = rate
        self.bureau = bureau
        self.index = index
        self.case = None
        self.follow_up = None

    def when(self, completed: datetime) -> datetime:
        soon = completed + timedelta(minutes=6 + self.index % 5)
        if self.rate.channel == RatingChannel.DEVICE:  # at the window's device, when done
            return soon
        day = add_working_days(timezone.localdate(completed), self.rate.after)
        return max(_at(day, self.rate.hour, (self.index * 13) % 60), soon)

    def submit(self):
        rate = self.rate
        rating = services.rating_submit(
            actor=None,
            token=token_for(self.case),
            level=rate.level,
            reason=rate.reason,
            tags=[self.bureau.reasons[name] for name in rate.tags if name in self.bureau.reasons],
            channel=rate.channel,
        )
        if not rate.story:
            return []
        self.follow_up = FollowUp.objects.select_related("assigned_to__user").get(rating=rating)
        return self._story(clock.localdate())

    def _story(self, rated: date) -> list:
        """The follow-up's next steps, in working days after the rating."""

        def later(days, hour, minute=0):
            return _at(add_working_days(rated, days), hour, minute)

        story = self.rate.story
        if story == CALLED:
            return [(later(1, 10, 30), self.call_back)]
        if story == FIXED:
            return [
                (later(1, 10, 30), self.call_back),
                (later(3, 16), self.fix),
                (later(4, 19, 20), self.grade),
            ]
        if story == UPHELD:
            return [(later(1, 11), self.appeal), (later(3, 15, 30), self.decide)]
        if story == WAITING:
            return [(later(1, 11, 20), self.appeal)]
        return []  # OPEN: due in a few days; LATE: never called back, escalated by the job

    def _chief(self):
        return self.follow_up.assigned_to.user

    def call_back(self):
        services.follow_up_call_back(
            actor=self._chief(), follow_up=self.follow_up, note=CALL_NOTE[self.rate.story]
        )

    def fix(self):
        services.follow_up_fix(actor=self._chief(), follow_up=self.follow_up, note=FIX_NOTE)

    def grade(self):
        services.follow_up_grade(actor=None, token=token_for(self.case), grade=Grade.SATISFIED)

    def appeal(self):
        services.follow_up_appeal(
            actor=self._chief(), follow_up=self.follow_up, reason=APPEAL[self.rate.story]
        )

    def decide(self):
        services.follow_up_appeal_decide(
            actor=self.bureau.supervisor, follow_up=self.follow_up, uphold=True, opinion=APPEAL_OPINION
        )


class _AddedCase:
    """A case added here: received at the window, completed (at once for an
    on-the-spot item), then rated."""

    def __init__(self, added: Added, bureau: _Bureau, items: dict, index: int):
        self.added = added
        self.bureau = bureau
        self.item = items[added.item]
        self.rating = _Rating(added.rate, bureau, index) if added.rate else None
        self.case = None
        self.index = index

    def first_step(self):
        return (
            _at(self.bureau.day(self.added.received), 9 + self.index % 3, 5 + self.index * 7),
            self.receive,
        )

    def receive(self):
        added = self.added
        at_once = self.item.current.on_the_spot
        desk = self.bureau.staff[deadlines_demo.FRONT_DESK[self.item.department.code]]
        self.case = cases.case_open(
            actor=desk.user,
            service_item=self.item,
            applicant_name=added.applicant,
            applicant_phone=added.phone,
            handler=self.bureau.staff[added.handler],
            handled_at_once=at_once,
            received_at=clock.now(),
        )
        if at_once:
            return self._rated()
        return [(_at(self.bureau.day(added.completed), 15, 20), self.complete)]

    def complete(self):
        self.case = cases.case_complete(actor=self.case.handler.user, case=self.case)
        return self._rated()

    def _rated(self):
        if self.rating is None:
            return []
        self.rating.case = self.case
        return [(self.rating.when(self.case.completed_at), self.rating.submit)]


def _rated_cases(bureau: _Bureau) -> list:
    """The deadlines demo's completed cases, each with its rating's first step."""
    completed = Case.objects.filter(
        applicant_name__in=RATED, status=CaseStatus.COMPLETED, rating__isnull=True
    )
    steps = []
    for index, case in enumerate(completed.order_by("completed_at", "pk")):
        rating = _Rating(RATED[case.applicant_name], bureau, index)
        rating.case = case
        steps.append((rating.when(case.completed_at), rating.submit))
    return steps


def _run_jobs():
    """The hourly jobs: default ratings, follow-ups reminded and escalated, and
    rule 7's collection (a late follow-up carded) and red cards."""
    jobs.rating_default_apply()
    jobs.follow_up_remind()
    jobs.follow_up_escalate()
    accountability_jobs.accountability_collect()
    accountability_jobs.accountability_card_red()


def _replay(today: date) -> None:
    bureau = _Bureau(today)
    items = {item.code: item for item in ServiceItem.objects.select_related("department", "current")}
    replay = Replay()
    steps = _rated_cases(bureau)
    steps += [_AddedCase(added, bureau, items, index).first_step() for index, added in enumerate(ADDED)]
    for moment, action in steps:
        replay.add(moment, action)
    first = min(timezone.localdate(moment) for moment, _action in steps)
    replay.every_day(first, today, JOBS_AT, _run_jobs)
    replay.run()
    _run_jobs()  # and this hour's run


def _ready() -> bool:
    names = {SUPERVISOR} | {added.handler for added in ADDED} | set(deadlines_demo.FRONT_DESK.values())
    codes = {added.item for added in ADDED}
    return Staff.objects.filter(name__in=names).count() == len(names) and ServiceItem.objects.filter(
        code__in=codes, current__isnull=False
    ).count() == len(codes)


def added_cases():
    """The cases added by this demo, found by their applicants."""
    return Case.objects.filter(applicant_name__in=[added.applicant for added in ADDED])


def seed() -> str:
    made = _ready() and not added_cases().exists()
    if made:
        _replay(timezone.localdate())
    ratings = Rating.objects.all()
    follow_ups = FollowUp.objects.all()
    counts = {status: follow_ups.filter(status=status).count() for status in FollowUpStatus.values}
    appealed = follow_ups.filter(appeal_status=AppealStatus.FILED).count()
    late = follow_ups.filter(alerts__step=FollowUpStep.ESCALATE).count()
    return (
        f"{ratings.count()} ratings{' (new)' if made else ''}: {ratings.filter(level__lte=2).count()} poor, "
        f"{ratings.filter(is_default=True).count()} default; {follow_ups.count()} follow-ups: "
        f"{counts[FollowUpStatus.OPEN]} open, {counts[FollowUpStatus.CALLED]} called back, "
        f"{counts[FollowUpStatus.FIXED]} fixed, {counts[FollowUpStatus.EXCLUDED]} excluded; "
        f"{appealed} appeals waiting, {late} late"
    )
