"""Each registered source, its fact produced by the lower rule's own services
and jobs: the collection job opens one record traced to it (source, row,
reference, person, section, day, and the link to the fact's page), and a
second run opens nothing. A source a higher app registers is collected too."""

from datetime import date

import pytest
import time_machine
from django.db.models import F, Value
from django.urls import reverse

from accountability import sources
from accountability.jobs import accountability_collect
from accountability.models import Card, CardStep, Record, Source
from audit.models import AuditEvent
from tests.abpositions.conftest import at as bj
from tests.abpositions.conftest import away  # noqa: F401  (a shared fixture)
from tests.accountability.conftest import at, run_job
from tests.inquiries.conftest import clerk, log_inquiry  # noqa: F401  (shared fixtures)
from tests.refusals.conftest import file_refusal  # noqa: F401

pytestmark = pytest.mark.django_db


def collected(kind, when):
    """The one record of ``kind`` the job opens at ``when``; a second run opens nothing."""
    summary = run_job(accountability_collect, when)
    assert summary == f"{kind} 1", summary
    assert run_job(accountability_collect, when) == "nothing new"
    record = Record.objects.select_related("staff", "department").get(source=kind)
    assert list(CardStep.objects.filter(record=record).values_list("card", flat=True)) == [Card.YELLOW]
    assert AuditEvent.objects.for_object(record).filter(verb="accountability.record_open").count() == 1
    return record


def traced(record, *, row, reference, staff, department, on, link):
    assert (record.source_id, record.reference, record.staff, record.department, record.occurred_on) == (
        row.pk,
        reference,
        staff,
        department,
        on,
    )
    assert sources.source_link(record) == link


def test_overdue_case(official_calendar, case, handler, department):
    from deadlines.jobs import flag_overdue
    from deadlines.models import Escalation

    run_job(flag_overdue, at(2026, 12, 16, hour=9))
    record = collected(Source.OVERDUE_CASE, at(2026, 12, 16, hour=10))
    escalation = Escalation.objects.get(case=case, step="handler")
    traced(
        record,
        row=escalation,
        reference=case.number,
        staff=handler,
        department=department,
        on=date(2026, 12, 15),
        link=reverse("cases:detail", args=[case.pk]),
    )
    assert case.title in record.summary


def test_refusal_overturned(case, file_refusal, chief, handler, department):  # noqa: F811
    from refusals.models import RefusalFinding
    from refusals.services import refusal_overturn

    refusal = file_refusal(case)
    with time_machine.travel(at(2026, 12, 4), tick=False):
        refusal_overturn(actor=chief.user, refusal=refusal, opinion="材料可以补正，应继续审查")
    record = collected(Source.REFUSAL_OVERTURNED, at(2026, 12, 4, hour=11))
    traced(
        record,
        row=RefusalFinding.objects.get(refusal=refusal, kind="overturned"),
        reference=refusal.number,
        staff=handler,
        department=department,
        on=date(2026, 12, 4),
        link=reverse("refusals:detail", args=[refusal.pk]),
    )


def test_refusal_unfiled(case, handler, department):
    from deadlines.services import case_withdraw
    from refusals.jobs import refusal_find_unfiled
    from refusals.models import RefusalFinding

    with time_machine.travel(at(2026, 12, 2), tick=False):
        case_withdraw(actor=handler.user, case=case, reason="材料不齐，退回申请人")
    run_job(refusal_find_unfiled, at(2026, 12, 4, hour=11))
    record = collected(Source.REFUSAL_UNFILED, at(2026, 12, 4, hour=12))
    traced(
        record,
        row=RefusalFinding.objects.get(case=case, kind="unfiled"),
        reference=case.number,
        staff=handler,
        department=department,
        on=date(2026, 12, 4),
        link=reverse("cases:detail", args=[case.pk]),
    )


def test_notice_failure(official_calendar, log_inquiry, item, front_desk, chief, department):  # noqa: F811
    from inquiries.models import InquiryKind
    from notifications.models import NoticeFailure
    from notifications.services import Demand, notice_issue, notice_record_visit

    with time_machine.travel(at(2026, 11, 10), tick=False):
        inquiry = log_inquiry(asked=[front_desk], kind=InquiryKind.APPLICATION, service_item=item)
        notice = notice_issue(
            actor=front_desk.user, inquiry=inquiry, service_item=item, brought_material_ids=[]
        )
    with time_machine.travel(at(2026, 11, 12), tick=False):
        notice_record_visit(
            actor=chief.user,
            notice=notice,
            brought_ids=[],
            demanded=[Demand(name="房屋租赁合同")],
            override_reason="经营场所为租赁，需核实使用权",
        )
    record = collected(Source.NOTICE_FAILURE, at(2026, 11, 12, hour=11))
    traced(
        record,
        row=NoticeFailure.objects.get(notice=notice),
        reference=notice.number,
        staff=front_desk,
        department=department,
        on=date(2026, 11, 12),
        link=reverse("notices:detail", args=[notice.pk]),
    )
    assert "房屋租赁合同" in record.summary


def test_breach_passed_on_and_not_a_criticism(
    official_calendar, item, supervisor, handler, front_desk, department
):
    from commitments.models import BreachOutcome
    from commitments.services import breach_decide, breach_record

    def breach(staff, outcome):
        with time_machine.travel(at(2026, 12, 3), tick=False):
            made = breach_record(
                actor=supervisor.user,
                staff=staff,
                item=item,
                occurred_on=date(2026, 12, 2),
                promised="承诺10个工作日内办结",
                happened="第12个工作日才办结",
            )
            return breach_decide(actor=supervisor.user, breach=made, outcome=outcome)

    passed_on = breach(handler, BreachOutcome.ACCOUNTABILITY)
    breach(front_desk, BreachOutcome.CRITICISM)  # dealt with in the section: no record
    record = collected(Source.BREACH, at(2026, 12, 3, hour=11))
    traced(
        record,
        row=passed_on,
        reference=item.code,
        staff=handler,
        department=department,
        on=date(2026, 12, 2),
        link=reverse("breaches:detail", args=[passed_on.pk]),
    )


def _no_outcome(inquiry, clerk, handler):  # noqa: F811
    return at(2026, 11, 18, hour=9)


def _not_acknowledged(inquiry, clerk, handler):  # noqa: F811
    from inquiries.models import Outcome
    from inquiries.services import inquiry_record_outcome

    with time_machine.travel(at(2026, 11, 16, hour=11), tick=False):
        inquiry_record_outcome(
            actor=clerk.user, inquiry=inquiry, outcome=Outcome.TRANSFER, transfer_to=handler
        )
    return at(2026, 11, 18, hour=9)


def _no_handler_outcome(inquiry, clerk, handler):  # noqa: F811
    from inquiries.models import Transfer
    from inquiries.services import transfer_acknowledge

    _not_acknowledged(inquiry, clerk, handler)
    with time_machine.travel(at(2026, 11, 17, hour=9), tick=False):
        transfer_acknowledge(actor=handler.user, transfer=Transfer.objects.get(inquiry=inquiry))
    return at(2026, 11, 19, hour=9)


@pytest.mark.parametrize(
    ("step", "left", "responsible"),
    [
        ("no_outcome", _no_outcome, "clerk"),  # the first responder
        ("not_acknowledged", _not_acknowledged, "handler"),  # the one the transfer went to
        ("no_handler_outcome", _no_handler_outcome, "handler"),  # the owner who took it over
    ],
)
def test_inquiry_left_without_an_owner(
    step,
    left,
    responsible,
    log_inquiry,  # noqa: F811
    clerk,  # noqa: F811
    handler,
    chief,
    department,
    request,
):
    from inquiries.jobs import flag_unowned
    from inquiries.models import OwnerAlert

    with time_machine.travel(at(2026, 11, 16), tick=False):
        inquiry = log_inquiry(asked=[clerk])
    flagged_at = left(inquiry, clerk, handler)
    run_job(flag_unowned, flagged_at)
    alert = OwnerAlert.objects.get(inquiry=inquiry)
    assert alert.step == step
    record = collected(Source.INQUIRY_UNOWNED, flagged_at.replace(hour=10))
    traced(
        record,
        row=alert,
        reference=inquiry.number,
        staff=request.getfixturevalue(responsible),
        department=department,
        on=flagged_at.date(),
        link=reverse("inquiries:detail", args=[inquiry.pk]),
    )


def test_post_left_uncovered(official_calendar, post, a_holder, b_holder, chief, department, away):  # noqa: F811
    from abpositions.jobs_uncovered import posts_uncovered_check
    from abpositions.models import UncoveredPeriod

    away(a_holder, "2026-12-07 09:00", "2026-12-09 18:00")
    away(b_holder, "2026-12-08 13:30", "2026-12-08 17:00")
    run_job(posts_uncovered_check, bj("2026-12-08 13:30"))
    record = collected(Source.POST_UNCOVERED, bj("2026-12-08 14:00"))
    traced(
        record,
        row=UncoveredPeriod.objects.get(post=post),
        reference="许可审查岗",
        staff=None,
        department=department,
        on=date(2026, 12, 8),
        link=reverse("abpositions:post_holders", args=[post.pk]),
    )


def test_handover_not_acknowledged_in_time(
    official_calendar,
    post,
    a_holder,
    b_holder,
    chief,
    department,
    away,  # noqa: F811
):
    from abpositions.models import Handover
    from abpositions.services_handovers import handover_hand_over
    from core.jobs import run_job as run_named

    away(a_holder, "2026-12-07 09:00", "2026-12-08 18:00")
    with time_machine.travel(bj("2026-12-08 18:30"), tick=False):
        run_named("handover_draw_up_due")
    handover = Handover.objects.get()
    with time_machine.travel(bj("2026-12-09 10:00"), tick=False):
        handover_hand_over(actor=b_holder.user, handover=handover, remarks="")
    with time_machine.travel(bj("2026-12-11 09:00"), tick=False):
        assert run_named("handover_flag_late") == "flagged 1 handovers"
    record = collected(Source.HANDOVER_LATE, bj("2026-12-11 10:00"))
    traced(
        record,
        row=handover,
        reference=b_holder.name,
        staff=a_holder,
        department=department,
        on=date(2026, 12, 10),
        link=reverse("abpositions:handover", args=[handover.pk]),
    )


def _upheld_complaint(supervisor, handler):
    from accountability.services_complaints import complaint_accept, complaint_answer, complaint_file

    with time_machine.travel(at(2026, 12, 1), tick=False):
        complaint = complaint_file(
            actor=None,
            subject="窗口办理拖延",
            description="材料齐全却被要求下周再来",
            complainant_name="王先生",
            complainant_phone="13812345678",
            about_staff=handler,
        )
    with time_machine.travel(at(2026, 12, 2), tick=False):
        complaint_accept(actor=supervisor.user, complaint=complaint)
    with time_machine.travel(at(2026, 12, 4), tick=False):
        return complaint_answer(
            actor=supervisor.user, complaint=complaint, answer="经调查属实，已责令整改。", upheld=True
        )


def _traced_to_complaint(record, complaint, handler, department):
    traced(
        record,
        row=complaint,
        reference=complaint.number,
        staff=handler,
        department=department,
        on=date(2026, 12, 4),
        link=reverse("accountability:complaint", args=[complaint.pk]),
    )


def test_upheld_complaint_opens_its_record_when_answered_and_the_job_adds_none(
    official_calendar, supervisor, handler, department
):
    complaint = _upheld_complaint(supervisor, handler)
    record = Record.objects.get(source=Source.COMPLAINT)
    _traced_to_complaint(record, complaint, handler, department)
    assert run_job(accountability_collect, at(2026, 12, 4, hour=11)) == "nothing new"
    assert CardStep.objects.filter(record=record).count() == 1


def test_upheld_complaint_whose_record_was_not_opened_is_collected(
    official_calendar, supervisor, handler, department, monkeypatch
):
    """Complaints answered before this app opened records (or by any path that
    missed it) are still a source the job reads."""
    from accountability import services_complaints

    monkeypatch.setattr(services_complaints, "records_open", lambda kind, rows: [])
    complaint = _upheld_complaint(supervisor, handler)
    assert not Record.objects.exists()
    record = collected(Source.COMPLAINT, at(2026, 12, 4, hour=11))
    _traced_to_complaint(record, complaint, handler, department)


def test_a_source_registered_by_a_higher_app_is_collected(case, handler, department, monkeypatch):
    """Rule 8 registers its poor ratings in its ready(): the job reads them like the others."""
    from deadlines.models import Case

    def poor_ratings():
        return Case.objects.filter(pk=case.pk).annotate(
            acc_staff=F("handler_id"),
            acc_department=F("department_id"),
            acc_on=Value(date(2026, 12, 2)),
            acc_reference=F("number"),
            acc_subject=Value("很不满意"),
        )

    rating = sources.RecordSource(
        Source.POOR_RATING, poor_ratings, lambda row: f"{row['acc_reference']}：{row['acc_subject']}"
    )
    monkeypatch.setitem(sources._sources, Source.POOR_RATING, rating)
    record = collected(Source.POOR_RATING, at(2026, 12, 3))
    traced(
        record,
        row=case,
        reference=case.number,
        staff=handler,
        department=department,
        on=date(2026, 12, 2),
        link="",
    )
    assert record.summary == f"{case.number}：很不满意"
    monkeypatch.undo()
    # Rule 8's own source, registered in evaluation's ready(), is back in its place.
    assert sources.get(Source.POOR_RATING).candidates.__module__ == "evaluation.sources"
    assert run_job(accountability_collect, at(2026, 12, 4)) == "nothing new"
