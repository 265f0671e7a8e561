"""The demo bureau's accountability (rule 7): the records the rules below
caught, carded, explained, appealed and decided, and efficiency complaints in
each state.

- Records: the collection job runs each morning of the lower demos' history,
  as of that day, over the facts known by then (a case found overdue, a
  refusal overturned, an inquiry left without an owner), so each record opens
  the morning after its fact. What happens to a record follows from its age:
  the older ones are explained by the person the next working day and decided
  by the supervisor (周敏) two days later, criticism and education or no
  responsibility; the newest are still waiting. Among the older ones:
  张建国's (login handler) explained and decided an efficiency warning
  (效能告诫), which he acknowledges; one appealed and the appeal upheld (the
  card withdrawn); one decided criticism and corrected to 诫勉谈话 (the first
  decision superseded, visibly); one left unexplained, turned red by the
  card job. One of the newest is appealed, waiting for the supervisor.
- Complaints: one received from the website and one anonymous, waiting to be
  accepted; one accepted; one extended; one declined with the reason told; one
  answered upheld about 张建国 (which opens its record) and one answered not
  upheld.
- Two other measures the bureau names: 诫勉谈话, 调离窗口岗位.

Runs after refusals/demo.py, through the services and jobs as of the days it
tells of (``core.replay``), so its audit events are appended in time order.
Counted back from the last working day on or before today (in 2026, whose
calendar is published). Idempotent: when a demo complaint exists already,
nothing is made.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from accountability import jobs, sources
from accountability.models import Complaint, ComplaintChannel, ComplaintStatus, Measure, Outcome, Record
from accountability.services_complaints import (
    complaint_accept,
    complaint_answer,
    complaint_decline,
    complaint_extend,
    complaint_file,
)
from accountability.services_records import (
    appeal_decide,
    appeal_file,
    decision_acknowledge,
    record_decide,
    record_explain,
)
from core import clock
from core.replay import Replay
from deadlines.models import Case
from org.models import Staff
from workdays.days import add_working_days, working_days_between

LAST_DAY = date(2026, 12, 30)
SUPERVISOR = "周敏"
DESK = "王晓燕"
HANDLER = "张建国"
HANDLER2 = "刘志强"
MEASURES = ["诫勉谈话", "调离窗口岗位"]
JOBS_AT = time(8, 30)


@dataclass(frozen=True)
class Told:
    """One demo complaint. ``filed``, ``accepted``, ``extended`` and ``ended``
    are working days before the anchor day (``None``: not reached)."""

    subject: str
    description: str
    channel: str
    filed: int
    name: str = ""
    phone: str = ""
    about: str = ""
    accepted: int | None = None
    extended: int | None = None
    ended: int | None = None
    decline: str = ""
    answer: str = ""
    upheld: bool | None = None
    reason: str = ""


TOLD = [
    Told(
        subject="窗口人员答复不清",
        description="11月底在一楼大厅咨询药品零售许可，窗口人员对所需材料说法前后不一致，让我跑了两趟。",
        channel=ComplaintChannel.WEB,
        filed=1,
        name="俞建平",
        phone="13706718824",
    ),
    Told(
        subject="办事大厅叫号系统长时间无人应答",
        description="上午十点在大厅等候近一小时，3号窗口无人，叫号屏一直显示暂停服务。",
        channel=ComplaintChannel.WEB,
        filed=0,
    ),
    Told(
        subject="计量检定预约电话无人接听",
        description="连续三天拨打市场监管科电话预约计量器具检定，均无人接听。",
        channel=ComplaintChannel.PHONE,
        filed=6,
        name="沈国华",
        phone="13588106627",
        accepted=5,
    ),
    Told(
        subject="食品经营许可变更办理拖延",
        description="10月提交的食品经营许可变更申请，至今未告知办理结果，多次询问均称在审核。",
        channel=ComplaintChannel.DESK,
        filed=20,
        name="杭州禾丰餐饮有限公司 许先生",
        phone="13957126630",
        accepted=18,
        extended=3,
        reason="涉及两个科室的审查环节和现场核查记录，需调取材料并约谈相关人员，申请延长答复期限。",
    ),
    Told(
        subject="对商品价格过高的投诉",
        description="某超市销售的进口水果价格过高，要求查处。",
        channel=ComplaintChannel.WEB,
        filed=9,
        name="金丽华",
        phone="15067193382",
        ended=8,
        decline="您反映的是商品价格问题，不属于本局机关效能投诉受理范围。"
        "已告知您可拨打 12315 或向价格主管部门反映。",
    ),
    Told(
        subject="许可审查超期且未说明原因",
        description="食品经营许可申请超过承诺时限仍未办结，经办人未主动告知原因。",
        channel=ComplaintChannel.PHONE,
        filed=25,
        name="杭州甬城餐饮管理有限公司 周女士",
        phone="13867135521",
        about=HANDLER,
        accepted=24,
        ended=14,
        answer="经调查，该申请已超过承诺办结时限，经办人未按规定告知延期原因，投诉属实。"
        "已责成经办人作出书面说明并限期办结，相关情况已纳入效能问责记录。",
        upheld=True,
    ),
    Told(
        subject="现场检查态度生硬",
        description="市场监管科工作人员现场检查时态度生硬，不听解释。",
        channel=ComplaintChannel.WEB,
        filed=16,
        name="吴海峰",
        phone="13656718803",
        about=HANDLER2,
        accepted=15,
        ended=7,
        answer="经调取执法记录仪视频并询问当事人，检查人员用语规范、程序合法，未发现态度生硬的情形，投诉不属实。"
        "感谢您对我局工作的监督。",
        upheld=False,
    ),
]

EXPLANATION = "该事项超期系本人对审查进度把握不够，未及时提请延期，今后将每日核对在办事项的到期情况。"
APPEAL = "超期系申请人书面要求暂缓现场核查所致，暂缓期间不应计入办理时限，申请人的书面申请已附后。"
APPEAL_UPHELD = "经核实，申请人确有书面暂缓申请，超期非经办人原因，申诉成立，撤销黄牌，不予追究。"
WAITING_APPEAL = "该事项已在承诺时限内电话告知申请人需补正材料，补正期间不应计入办理时限，通话记录已附后。"
WARNING = "承诺时限内未办结，也未按规定提请延期、告知申请人，经本人说明，情况属实，给予效能告诫。"
CRITICISM = "超期办结，未提请延期，责任在经办人；情节较轻，予以批评教育。"
NO_FAULT = "超期系系统故障导致流转延误，已有信息中心证明，经办人无责任。"
CORRECTION = "同一季度内第二次超期办结，原处理偏轻；经效能监督室集体研究，改为诫勉谈话。"


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


class _Bureau:
    """The demo's people and days, counted back from the anchor day."""

    def __init__(self, today: date):
        self.anchor = add_working_days(min(today, LAST_DAY) + timedelta(days=1), -1)
        self.staff = {member.name: member for member in Staff.objects.select_related("user", "department")}
        self.supervisor = self.staff[SUPERVISOR].user
        self.measure = Measure.objects.get(name=MEASURES[0])

    def day(self, back: int) -> date:
        return add_working_days(self.anchor, -back)

    def age(self, day: date) -> int:
        """Working days from ``day`` to the anchor day."""
        return working_days_between(day, self.anchor)


def _past(steps: list) -> list:
    """The steps that have happened by now: a record's later steps are still to come."""
    now = timezone.now()
    return [(moment, action) for moment, action in steps if moment <= now]


def _known_by(source, today: date):
    """The source as the job saw it on ``today``: the facts of the days before."""
    return sources.RecordSource(
        source.kind, lambda: source.candidates().filter(acc_on__lt=today), source.describe, source.link
    )


class _Records:
    """The collection job's mornings, and what became of each record it opened."""

    def __init__(self, bureau: _Bureau):
        self.bureau = bureau
        self.taken: set[str] = set()
        self.decided = 0

    def collect(self):
        today = clock.localdate()
        last = Record.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        for source in sources.registered():
            jobs.collect(_known_by(source, today))
        opened = Record.objects.filter(pk__gt=last).select_related("staff__user").order_by("pk")
        return [step for record in opened for step in _past(self.story(record))]

    def story(self, record: Record) -> list:
        if record.staff_id is None:
            return []
        opened = timezone.localdate(record.opened_at)
        age = self.bureau.age(opened)
        chapters = [
            ("warning", age >= 5 and record.staff.name == HANDLER, self._warning),
            ("appeal_upheld", age >= 4, self._appeal_upheld),
            ("correction", age >= 5, self._correction),
            ("red", age >= 7, lambda record, opened: []),
            ("appeal_waiting", 1 <= age <= 3, self._appeal_waiting),
        ]
        for name, fits, chapter in chapters:
            if fits and name not in self.taken:
                self.taken.add(name)
                return chapter(record, opened)
        return self.ordinary(record, opened)

    def _explain(self, record, opened, hour=10):
        return (_at(add_working_days(opened, 1), hour), lambda: self._explained(record))

    def _explained(self, record):
        record_explain(actor=record.staff.user, record=record, explanation=EXPLANATION)

    def _decide(self, record, outcome, findings, **kwargs):
        def decide():
            record_decide(
                actor=self.bureau.supervisor, record=record, outcome=outcome, findings=findings, **kwargs
            )

        return decide

    def ordinary(self, record, opened) -> list:
        """Explained the next working day, decided two days later; the newest not yet."""
        self.decided += 1
        outcome, findings = (Outcome.CRITICISM, CRITICISM) if self.decided % 3 else (Outcome.NONE, NO_FAULT)
        steps = [self._explain(record, opened, hour=9 + self.decided % 3)]
        return [*steps, (_at(add_working_days(opened, 3), 15), self._decide(record, outcome, findings))]

    def _warning(self, record, opened) -> list:
        def acknowledge():
            decision_acknowledge(actor=record.staff.user, record=record)

        return [
            self._explain(record, opened),
            (_at(add_working_days(opened, 3), 15, 20), self._decide(record, Outcome.WARNING, WARNING)),
            (_at(add_working_days(opened, 4), 9, 30), acknowledge),
        ]

    def _appeal_upheld(self, record, opened) -> list:
        def appeal():
            appeal_file(actor=record.staff.user, record=record, reasons=APPEAL)

        def decide():
            appeal_decide(actor=self.bureau.supervisor, record=record, uphold=True, opinion=APPEAL_UPHELD)

        return [
            (_at(add_working_days(opened, 1), 11), appeal),
            (_at(add_working_days(opened, 3), 10), decide),
        ]

    def _correction(self, record, opened) -> list:
        correct = self._decide(
            record, Outcome.OTHER, CORRECTION, measure=self.bureau.measure, correction_reason=CORRECTION
        )
        return [
            self._explain(record, opened),
            (_at(add_working_days(opened, 3), 14), self._decide(record, Outcome.CRITICISM, CRITICISM)),
            (_at(add_working_days(opened, 4), 16), correct),
        ]

    def _appeal_waiting(self, record, opened) -> list:
        def appeal():
            appeal_file(actor=record.staff.user, record=record, reasons=WAITING_APPEAL)

        return [(_at(add_working_days(opened, 1), 11, 30), appeal)]


class _Complaint:
    """One complaint's life, as steps of the replay."""

    def __init__(self, told: Told, index: int, bureau: _Bureau, records: _Records):
        self.told = told
        self.index = index
        self.bureau = bureau
        self.records = records
        self.complaint = None

    def first_step(self):
        return (_at(self.bureau.day(self.told.filed), 9, 5 + self.index * 7), self.file)

    def file(self):
        told = self.told
        about = self.bureau.staff.get(told.about)
        number = Case.objects.filter(handler=about).order_by("received_at").values_list("number", flat=True)
        self.complaint = complaint_file(
            actor=None if told.channel == ComplaintChannel.WEB else self.bureau.staff[DESK].user,
            subject=told.subject,
            description=told.description,
            complainant_name=told.name,
            complainant_phone=told.phone,
            anonymous=not told.name,
            about_staff=about,
            about_number=(number.first() or "") if about else "",
            channel=told.channel,
        )
        if told.decline:
            return [(_at(self.bureau.day(told.ended), 10, 15), self.decline)]
        if told.accepted is None:
            return []
        return [(_at(self.bureau.day(told.accepted), 10, 40), self.accept)]

    def decline(self):
        complaint_decline(actor=self.bureau.supervisor, complaint=self.complaint, reason=self.told.decline)

    def accept(self):
        told = self.told
        complaint_accept(actor=self.bureau.supervisor, complaint=self.complaint)
        if told.extended is not None:
            return [(_at(self.bureau.day(told.extended), 14, 10), self.extend)]
        if told.ended is None:
            return []
        return [(_at(self.bureau.day(told.ended), 15, 30), self.answer)]

    def extend(self):
        complaint_extend(actor=self.bureau.supervisor, complaint=self.complaint, reason=self.told.reason)

    def answer(self):
        complaint = complaint_answer(
            actor=self.bureau.supervisor,
            complaint=self.complaint,
            answer=self.told.answer,
            upheld=self.told.upheld,
        )
        record = Record.objects.filter(source="complaint", source_id=complaint.pk).select_related(
            "staff__user"
        )
        return [step for opened in record for step in _past(self.records.ordinary(opened, clock.localdate()))]


def _first_fact() -> date:
    days = [
        jobs.uncollected(source).order_by("acc_on").values_list("acc_on", flat=True).first()
        for source in sources.registered()
    ]
    return min(day for day in days if day is not None)


def _replay(today: date) -> None:
    bureau = _Bureau(today)
    records = _Records(bureau)
    replay = Replay()
    stories = [_Complaint(told, index, bureau, records) for index, told in enumerate(TOLD)]
    for moment, action in (story.first_step() for story in stories):
        replay.add(moment, action)
    first = min(_first_fact(), bureau.day(max(told.filed for told in TOLD))) + timedelta(days=1)
    day = first
    while day <= today:
        replay.add(_at(day, JOBS_AT.hour, JOBS_AT.minute), records.collect)
        day += timedelta(days=1)
    replay.every_day(first, today, time(8, 35), _run_jobs)
    replay.run()
    jobs.accountability_collect()  # today's facts, as the hourly job takes them
    _run_jobs()


def _run_jobs():
    """The hourly jobs: cards turned red, complaints reminded and escalated."""
    jobs.accountability_card_red()
    jobs.complaint_remind()
    jobs.complaint_escalate()


def _ready() -> bool:
    names = {SUPERVISOR, DESK, HANDLER, HANDLER2}
    return Staff.objects.filter(name__in=names).count() == len(names)


def demo_complaints():
    return Complaint.objects.filter(subject__in=[told.subject for told in TOLD])


def seed() -> str:
    for order, name in enumerate(MEASURES, start=1):
        Measure.objects.get_or_create(name=name, defaults={"order": order})
    made = _ready() and not demo_complaints().exists()
    if made:
        _replay(timezone.localdate())
    records = Record.objects.all()
    yellow, red = records.filter(card="yellow").count(), records.filter(card="red").count()
    complaints = demo_complaints()
    counts = {status: complaints.filter(status=status).count() for status in ComplaintStatus.values}
    return (
        f"{records.count()} records{' (new)' if made else ''}: {yellow} yellow, {red} red, "
        f"{records.filter(decision__isnull=False).count()} decided; "
        f"{complaints.count()} complaints: {counts[ComplaintStatus.RECEIVED]} received, "
        f"{counts[ComplaintStatus.ACCEPTED]} accepted, {counts[ComplaintStatus.DECLINED]} declined, "
        f"{counts[ComplaintStatus.ANSWERED]} answered"
    )
