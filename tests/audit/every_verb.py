"""Every audit verb the code writes, collected from the code itself, and a
fortnight at the bureau that writes each of them through the real services."""

import importlib
import re
import tomllib
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import time_machine

from commitments.models import BreachOutcome, MaterialForm
from commitments.services import (
    MaterialSpec,
    breach_decide,
    breach_record,
    service_item_create,
    service_item_revise,
    service_item_update_listing,
)
from core.jobs import run_job
from inquiries.models import InquiryKind, Outcome
from messaging.models import Channel
from messaging.services import MAX_ATTEMPTS, message_queue
from tests.factories import catalogue_keeper

ROOT = Path(__file__).resolve().parents[2]
SHANGHAI = ZoneInfo("Asia/Shanghai")
# The apps: import-linter's root packages (pyproject.toml), less the project's own package.
APPS = [
    app
    for app in tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"][
        "root_packages"
    ]
    if app != "efficiency"
]
LITERAL = re.compile(r"""["']([a-z_]+\.[a-z_]+)["']""")
CONSTANT = re.compile(r"\bverb=([A-Z][A-Z0-9_]+)\b")


def verbs_in_code() -> set[str]:
    """Each verb an app's code passes as ``verb=``: a string, or a constant it imports or defines."""
    verbs = set()
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            source = path.read_text(encoding="utf-8")
            for line in source.splitlines():
                if "verb=" in line:
                    verbs.update(LITERAL.findall(line.split("verb=", 1)[1]))
            if CONSTANT.search(source):
                # A constant the module defines or imports is one of its attributes.
                module = importlib.import_module(".".join(path.relative_to(ROOT).with_suffix("").parts))
                verbs.update(getattr(module, name) for name in CONSTANT.findall(source))
    return verbs


def at(y, m, d, hour=10) -> datetime:
    return datetime(y, m, d, hour, tzinfo=SHANGHAI)


MATERIALS = [
    MaterialSpec("食品经营许可申请书", MaterialForm.ORIGINAL, 1, "窗口领取"),
    MaterialSpec("营业执照", MaterialForm.COPY, 1, "市场监督管理部门核发"),
    MaterialSpec("经营场所平面布局图", MaterialForm.ORIGINAL, 2, "申请人自备"),
    MaterialSpec("授权委托书", MaterialForm.ORIGINAL, 1, "申请人出具", condition="委托他人办理时提供"),
]
CONTENT = {
    "name": "食品经营许可（新办）",
    "basis": "《中华人民共和国食品安全法》第三十五条",
    "statutory_days": 20,
    "committed_days": 10,
}


def _catalogue_and_breaches(*, department, other_department, front_desk, chief, supervisor):
    keeper = catalogue_keeper()
    item = service_item_create(
        actor=keeper, code="XK-001", department=department, content=CONTENT, materials=MATERIALS
    )
    service_item_revise(
        actor=keeper,
        item=item,
        content={**CONTENT, "committed_days": 8, "fees": "不收费"},
        materials=MATERIALS,
        change_note="承诺时限缩短为8个工作日",
    )
    moved = service_item_create(
        actor=keeper,
        code="XK-002",
        department=department,
        content={**CONTENT, "name": "食品经营许可（变更）"},
        materials=MATERIALS[:1],
    )
    service_item_update_listing(actor=keeper, item=moved, department=other_department, published=False)
    breach = breach_record(
        actor=chief.user,
        staff=front_desk,
        item=item,
        occurred_on=date(2026, 11, 9),
        promised="当场受理",
        happened="让服务对象次日再来",
        complaint_received=True,
    )
    breach_decide(
        actor=supervisor.user, breach=breach, outcome=BreachOutcome.ACCOUNTABILITY, note="转效能监督室"
    )
    item.refresh_from_db()  # its version in force is the revised one
    return item


def _inquiries_notices_and_cases(*, item, front_desk, handler, chief, other_department):
    from deadlines.models import Extension
    from deadlines.services import (
        case_complete,
        case_open_instruction,
        case_reveal_contact,
        case_start,
        case_withdraw,
        extension_approve,
        extension_reject,
        extension_request,
    )
    from inquiries.services import (
        inquiry_log,
        inquiry_record_outcome,
        inquiry_reveal_contact,
        transfer_acknowledge,
    )
    from notifications.services import (
        Demand,
        notice_issue,
        notice_open_case,
        notice_record_visit,
        notice_reveal_contact,
    )

    def log(**fields):
        return inquiry_log(
            actor=front_desk.user,
            channel="visit",
            subject=fields.pop("subject", "咨询食品经营许可"),
            asked_staff=[front_desk],
            visitor_name="王先生",
            visitor_phone="13812345678",
            visitor_id_number="110105199003071234",
            **fields,
        )

    application = log(kind=InquiryKind.APPLICATION, service_item=item)
    inquiry_reveal_contact(actor=front_desk.user, inquiry=application)
    licence, plan, proxy = (
        item.current.materials.get(name=name) for name in ("营业执照", "经营场所平面布局图", "授权委托书")
    )
    notice = notice_issue(
        actor=front_desk.user,
        inquiry=application,
        missing_material_ids=[licence.pk, plan.pk],
        not_applicable={proxy.pk: "本人办理，无需提供"},
    )
    notice_reveal_contact(actor=front_desk.user, notice=notice)
    notice_record_visit(
        actor=chief.user,
        notice=notice,
        brought_ids=[licence.pk],
        demanded=[Demand(name="房屋租赁合同")],
        override_reason="经营场所为租赁，需核实使用权",
    )
    notice_record_visit(actor=front_desk.user, notice=notice, brought_ids=[plan.pk])
    case = notice_open_case(actor=front_desk.user, notice=notice, handler=handler)
    case_reveal_contact(actor=handler.user, case=case)
    case_start(actor=handler.user, case=case)
    extension_approve(
        actor=chief.user,
        extension=extension_request(actor=handler.user, case=case, days=3, reason="需现场核查"),
        note="同意",
    )
    extension_reject(
        actor=chief.user,
        extension=extension_request(actor=handler.user, case=case, days=2, reason="材料待补正"),
        note="时限内可办结",
    )
    case.refresh_from_db()  # as a page would load it, with the extended due date
    case_complete(actor=handler.user, case=case)
    assert Extension.objects.filter(case=case).count() == 2

    instruction = case_open_instruction(
        actor=chief.user,
        title="整改窗口排队问题",
        instruction="请一周内整改",
        leader="王局长",
        due_date=date(2026, 11, 17),
        handler=handler,
    )
    case_withdraw(actor=handler.user, case=instruction, reason="领导收回批示")

    log(kind=InquiryKind.CONSULTATION, subject="咨询营业时间")  # left with no outcome: flagged
    referred = log(kind=InquiryKind.CONSULTATION, subject="咨询药品经营许可")
    inquiry_record_outcome(
        actor=front_desk.user, inquiry=referred, outcome=Outcome.REFER, refer_department=other_department
    )
    handled = log(kind=InquiryKind.CONSULTATION, subject="咨询办理地点")
    inquiry_record_outcome(actor=front_desk.user, inquiry=handled, outcome=Outcome.HANDLED, note="已当场告知")
    transferred = log(kind=InquiryKind.CONSULTATION, subject="咨询补证")
    inquiry_record_outcome(
        actor=front_desk.user,
        inquiry=transferred,
        outcome=Outcome.TRANSFER,
        transfer_to=handler,
        note="已收材料",
    )
    transfer_acknowledge(actor=handler.user, transfer=transferred.transfer)
    return {"inquiry": application, "case": case, "notice": notice}


def _overdue_case(*, item, front_desk, handler):
    from deadlines.services import case_open

    return case_open(
        actor=front_desk.user,
        service_item=item,
        applicant_name="李女士",
        applicant_phone="13900001111",
        handler=handler,
    )


def _cover_consent(*, item, front_desk, handler, chief):
    """Rule 4: A (the handler) on a trip, B asks the chief to act on A's case due
    tomorrow (urgent), and the chief consents."""
    from abpositions.models import Absence, AbsenceKind
    from abpositions.services_consent import cover_consent_ask, cover_consent_decide
    from abpositions.services_notes import cover_note_add
    from deadlines.services import case_open
    from org.roles import Role
    from tests.factories import PostFactory, StaffFactory

    backup = StaffFactory(department=handler.department, name="备岗人孙七", roles=[Role.HANDLER])
    PostFactory(department=handler.department, name="审批管理岗", a_holder=handler, b_holder=backup)
    now = datetime.now(SHANGHAI)
    trip = Absence.objects.create(
        staff=handler,
        kind=AbsenceKind.TRIP,
        start=now,
        end=now + timedelta(days=3),
        contact="13800000000",
        registered_by=handler.user,
    )
    case = case_open(
        actor=front_desk.user,
        service_item=item,
        applicant_name="赵先生",
        handler=handler,
        handled_at_once=False,
    )
    consent = cover_consent_ask(
        actor=backup.user, absence=trip, subject=case, label=f"{case.number} {case.title}"
    )
    cover_consent_decide(actor=chief.user, consent=consent, granted=True, note="同意，办结后告知张三")
    cover_note_add(
        actor=backup.user, absence=trip, subject=case, label=case.number, text="申请人未接电话，材料待补正"
    )
    trip.end = now + timedelta(minutes=1)
    trip.save(update_fields=["end"])


def _organisation_tokens_calendar_and_messages(*, client, administrator, handler, department, settings):
    from apitokens.services import api_token_create, api_token_revoke, api_tokens_remove_expired
    from org.roles import Role
    from org.services import administrator_create, staff_set_roles
    from workdays.models import CalendarYear
    from workdays.services import calendar_seed_from_package, calendar_year_mark_manual

    staff_set_roles(actor=administrator.user, staff=handler, roles={Role.HANDLER, Role.FRONT_DESK})
    administrator_create(
        username="admin2",
        password="x-Very-long-1",
        name="管理员钱",
        employee_number="A-0002",
        department_code="office",
        department_name="办公室",
    )
    client.force_login(administrator.user)
    response = client.post(
        f"/admin/org/department/{department.pk}/change/",
        {"name": "行政审批服务科", "code": department.code, "order": 3, "public_phone": "0571-8800-1002"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    response = client.post("/admin/org/department/add/", {"name": "临时专班", "code": "temp", "order": 9})
    assert response.status_code == 302, response.content.decode()[:2000]
    from org.models import Department

    temporary = Department.objects.get(code="temp")
    response = client.post(f"/admin/org/department/{temporary.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302, response.content.decode()[:2000]

    token, _secret = api_token_create(actor=handler.user, name="旧系统")
    api_token_revoke(actor=handler.user, token=token)
    api_token_create(actor=handler.user, name="统计脚本")
    api_tokens_remove_expired(expired_before=datetime(2099, 1, 1, tzinfo=SHANGHAI))

    year = CalendarYear.objects.get(year=2025)
    calendar_year_mark_manual(calendar_year=year, actor=administrator.user, reason="核对国务院通知")
    calendar_seed_from_package(years=[2025], force=True, actor=administrator.user)

    settings.SMS_BACKEND = "tests.messaging.backends.BrokenGatewaySMSBackend"
    message_queue(channel=Channel.SMS, address="13800138000", subject="提醒", body="您的办件已受理")
    for _attempt in range(MAX_ATTEMPTS):
        run_job("deliver_messages")


def _handovers(*, department, a_holder, b_holder):
    """A's trip is covered by B: handed over and acknowledged; A's meeting
    the next week is drawn up and never acknowledged, so it is flagged late."""
    from abpositions.models import Absence, AbsenceKind
    from abpositions.services_handovers import handover_acknowledge, handover_hand_over
    from tests.factories import PostFactory

    PostFactory(department=department, name="许可审查岗", a_holder=a_holder, b_holder=b_holder)
    for start, end in (
        (at(2026, 12, 9, 9), at(2026, 12, 10, 18)),
        (at(2026, 12, 14, 9), at(2026, 12, 14, 18)),
    ):
        Absence.objects.create(
            staff=a_holder,
            kind=AbsenceKind.TRIP,
            start=start,
            end=end,
            contact="13800000000",
            registered_by=a_holder.user,
        )
    with time_machine.travel(at(2026, 12, 11), tick=False):
        run_job("handover_draw_up_due")
        handover = a_holder.handovers_received.get(absence__start=at(2026, 12, 9, 9))
        handover_hand_over(actor=handover.cover.user, handover=handover, remarks="申请人王先生周一来补交材料")
        handover_acknowledge(actor=a_holder.user, handover=handover)
    with time_machine.travel(at(2026, 12, 15), tick=False):
        run_job("handover_draw_up_due")
    with time_machine.travel(at(2026, 12, 17), tick=False):
        run_job("handover_flag_late")


def _uncovered_post(*, department, chief, front_desk, handler):
    """Rule 4, item 5: both holders away, the chief alerted, a cover named, covered again."""
    from abpositions.models import Absence, AbsenceKind
    from abpositions.services_uncovered import post_name_cover
    from org.models import Post

    post = Post.objects.create(
        department=department, name="综合受理窗口", a_holder=handler, b_holder=front_desk
    )
    for staff, start in ((handler, 9), (front_desk, 13)):
        Absence.objects.create(
            staff=staff,
            kind=AbsenceKind.TRIP,
            start=at(2026, 12, 9, start),
            end=at(2026, 12, 10, 18),
            contact="13800000000",
            registered_by=staff.user,
        )
    with time_machine.travel(at(2026, 12, 9, 14), tick=False):
        run_job("posts_uncovered_check")
        post_name_cover(actor=chief.user, post=post, cover=chief)
    with time_machine.travel(at(2026, 12, 9, 15), tick=False):
        run_job("posts_uncovered_check")


def _absences(*, handler, chief):
    from abpositions.models import AbsenceKind
    from abpositions.services_absences import absence_cancel, absence_end, absence_register

    trip = absence_register(
        actor=handler.user,
        staff=handler,
        kind=AbsenceKind.TRIP,
        start=at(2026, 11, 10, 9),
        end=at(2026, 11, 12, 18),
        contact="13800138000",
        note="赴省局参加培训",
    )
    absence_end(actor=handler.user, absence=trip)
    meeting = absence_register(
        actor=chief.user,
        staff=handler,
        kind=AbsenceKind.MEETING,
        start=at(2026, 11, 20, 14),
        end=at(2026, 11, 20, 17),
        contact="分机8021",
    )
    absence_cancel(actor=chief.user, absence=meeting)


def _post_holders(*, department, handler, chief, administrator):
    from abpositions.models import HolderRole
    from abpositions.services_holders import (
        holder_change_approve,
        holder_change_reject,
        holder_change_request,
    )
    from tests.factories import PostFactory

    post = PostFactory(department=department, name="证照发放岗")
    holder_change_approve(
        actor=chief.user,
        change=holder_change_request(
            actor=administrator.user, post=post, role=HolderRole.A, proposed=handler, reason="岗位调整"
        ),
        note="同意",
    )
    holder_change_reject(
        actor=chief.user,
        change=holder_change_request(
            actor=chief.user, post=post, role=HolderRole.B, proposed=chief, reason="科长兼任备岗"
        ),
        note="科长不兼任",
    )


def _refusals(*, item, front_desk, handler, chief):
    """Rule 6: a case refused and the refusal overturned (the case reopened), another
    confirmed and its refusal notice given, and an application refused at the window by
    a notice, then overturned."""
    from deadlines.services import case_open
    from inquiries.services import inquiry_log
    from notifications.services import notice_issue
    from refusals.services import refusal_confirm, refusal_file, refusal_notice_give, refusal_overturn

    def refuse(case):
        return refusal_file(
            actor=handler.user,
            case=case,
            kind="not_granted",
            facts="现场核查经营场所不符合要求",
            reason="经营场所不符合食品安全要求",
            legal_basis="《中华人民共和国行政许可法》第三十八条第二款",
            cure="整改后重新申请",
        )

    def received():
        return case_open(actor=front_desk.user, service_item=item, applicant_name="赵女士", handler=handler)

    refusal_overturn(actor=chief.user, refusal=refuse(received()), opinion="材料已补正，应予许可")
    confirmed = refusal_confirm(actor=chief.user, refusal=refuse(received()), opinion="依据充分")
    refusal_notice_give(actor=handler.user, refusal=confirmed)
    refuse(received())  # left waiting: the jobs remind the chief, then tell the supervisors
    application = inquiry_log(
        actor=front_desk.user,
        channel="visit",
        kind=InquiryKind.APPLICATION,
        service_item=item,
        subject="申请食品经营许可",
        asked_staff=[front_desk],
        visitor_name="钱先生",
        visitor_phone="13812345679",
    )
    notice = notice_issue(
        actor=front_desk.user,
        inquiry=application,
        kind="not_acceptable",
        reason="申请事项依法不需要取得行政许可",
        rule="《中华人民共和国行政许可法》第三十二条第一款第（一）项",
    )
    refusal_overturn(actor=chief.user, refusal=notice.refusal, opinion="属于本机关许可事项，应予受理")


def _accountability(*, handler, chief, supervisor):
    """Rule 7: complaints through each step, the overdue case's record explained, made
    a warning (a threshold crossed) and corrected, another appealed, a third turned red."""
    from accountability.models import Outcome as RecordOutcome
    from accountability.models import Record
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

    def complain(subject):
        return complaint_file(
            actor=None,
            subject=subject,
            description="窗口工作人员态度生硬，未一次性告知",
            complainant_name="孙先生",
            complainant_phone="13700001234",
            about_staff=handler,
        )

    with time_machine.travel(at(2026, 12, 9), tick=False):
        upheld = complaint_accept(actor=supervisor.user, complaint=complain("办事推诿"))
        complaint_extend(actor=supervisor.user, complaint=upheld, reason="需调取监控录像核实")
        complaint_answer(
            actor=supervisor.user, complaint=upheld, answer="经核实情况属实，已责令整改", upheld=True
        )
        complaint_decline(actor=supervisor.user, complaint=complain("重复投诉"), reason="已于前次投诉中答复")
        complain("等候时间过长")  # left waiting: reminded, then escalated
        run_job("accountability_collect")
    overdue, upheld_record = Record.objects.order_by("pk")[:2]
    with time_machine.travel(at(2026, 12, 10), tick=False):
        record_explain(actor=handler.user, record=overdue, explanation="当日系统故障，未能及时办结")
        record_decide(
            actor=supervisor.user, record=overdue, outcome=RecordOutcome.WARNING, findings="超期办结属实"
        )
        record_decide(
            actor=supervisor.user,
            record=overdue,
            outcome=RecordOutcome.CRITICISM,
            findings="系统故障有据可查，从轻处理",
            correction_reason="复核后发现系统故障记录",
        )
        decision_acknowledge(actor=handler.user, record=overdue)
        appeal_file(actor=handler.user, record=upheld_record, reasons="投诉所述时段本人不在窗口")
        appeal_decide(actor=supervisor.user, record=upheld_record, uphold=False, opinion="排班表显示本人在岗")
    for day in (at(2026, 12, 17), at(2026, 12, 22)):
        with time_machine.travel(day, tick=False):
            for job in ("complaint_remind", "complaint_escalate", "accountability_card_red"):
                run_job(job)


def _evaluation(*, front_desk, handler, chief, supervisor, item):
    """Rule 8: two completed cases rated poorly (one followed up, fixed and graded, one
    appealed and excluded), a third left unrated and given the default, the follow-up
    jobs, and a closed month frozen, then revised."""
    from deadlines.services import case_complete, case_open
    from evaluation import figures, tables
    from evaluation.models import Grade
    from evaluation.periods import Period
    from evaluation.services import (
        follow_up_appeal,
        follow_up_appeal_decide,
        follow_up_call_back,
        follow_up_fix,
        follow_up_grade,
        rating_submit,
    )
    from evaluation.tokens import token_for

    def completed():
        case = case_open(
            actor=front_desk.user,
            service_item=item,
            applicant_name="周女士",
            applicant_phone="13600001111",
            handler=handler,
        )
        return case_complete(actor=handler.user, case=case)

    with time_machine.travel(at(2026, 12, 14), tick=False):
        fixed, appealed = completed(), completed()
        completed()  # never rated: the default comes after seven days
        poor = rating_submit(actor=None, token=token_for(fixed), level=2, reason="材料清单不清")
        follow_up_call_back(actor=chief.user, follow_up=poor.follow_up, note="申请人反映材料清单不清")
        follow_up_fix(actor=chief.user, follow_up=poor.follow_up, note="已修订材料清单")
        follow_up_grade(actor=None, token=token_for(fixed), grade=Grade.SATISFIED)
        unfair = rating_submit(actor=None, token=token_for(appealed), level=1, reason="恶意差评")
        follow_up_appeal(actor=chief.user, follow_up=unfair.follow_up, reason="申请人未到窗口")
        follow_up_appeal_decide(
            actor=supervisor.user, follow_up=unfair.follow_up, uphold=True, opinion="录像为证"
        )
    late = rating_submit
    with time_machine.travel(at(2026, 12, 15), tick=False):
        third = completed()
        late(
            actor=None, token=token_for(third), level=1, reason="等候过久"
        )  # not followed up: reminded, escalated
    for day in (at(2026, 12, 21), at(2026, 12, 23), at(2026, 12, 24)):
        with time_machine.travel(day, tick=False):
            for job in ("rating_default_apply", "follow_up_remind", "follow_up_escalate"):
                run_job(job)
    with time_machine.travel(at(2027, 1, 4), tick=False):
        november = Period.parse("2026-11")
        tables.snapshot_freeze(november, figures.STAFF)
        tables.snapshot_revise(actor=supervisor.user, period=november, level=figures.STAFF, reason="复核更正")


def write_every_verb(
    *, client, settings, department, other_department, front_desk, handler, chief, supervisor, administrator
) -> dict:
    """A bureau's fortnight, through the services: returns its inquiry, case and notice."""
    with time_machine.travel(at(2026, 11, 10), tick=False):
        item = _catalogue_and_breaches(
            department=department,
            other_department=other_department,
            front_desk=front_desk,
            chief=chief,
            supervisor=supervisor,
        )
        subjects = _inquiries_notices_and_cases(
            item=item, front_desk=front_desk, handler=handler, chief=chief, other_department=other_department
        )
        _overdue_case(item=item, front_desk=front_desk, handler=handler)
        _absences(handler=handler, chief=chief)
        _post_holders(department=department, handler=handler, chief=chief, administrator=administrator)
        _cover_consent(item=item, front_desk=front_desk, handler=handler, chief=chief)
        _refusals(item=item, front_desk=front_desk, handler=handler, chief=chief)
        _organisation_tokens_calendar_and_messages(
            client=client,
            administrator=administrator,
            handler=handler,
            department=department,
            settings=settings,
        )
    # The jobs: a reminder the day before the due date, then overdue, then escalated.
    for day in (at(2026, 11, 19), at(2026, 11, 23), at(2026, 11, 24), at(2026, 12, 1), at(2026, 12, 8)):
        with time_machine.travel(day + timedelta(hours=1), tick=False):
            for job in (
                "case_remind_due_soon",
                "case_flag_overdue",
                "case_escalate_overdue",
                "inquiry_flag_unowned",
                "refusal_remind_review",
                "refusal_escalate_review",
            ):
                run_job(job)
    _handovers(department=department, a_holder=handler, b_holder=front_desk)
    _uncovered_post(department=department, chief=chief, front_desk=front_desk, handler=handler)
    _accountability(handler=handler, chief=chief, supervisor=supervisor)
    _evaluation(
        front_desk=front_desk,
        handler=handler,
        chief=chief,
        supervisor=supervisor,
        item=subjects["case"].service_item,
    )
    return subjects
