"""A complaint from filing to its answer, on the bureau's working days; an upheld
one about a person opens their record and counts towards the front-desk threshold."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from accountability.jobs import complaint_escalate, complaint_remind
from accountability.models import (
    Complaint,
    ComplaintAlert,
    ComplaintChannel,
    ComplaintStatus,
    Record,
    ThresholdCrossed,
)
from accountability.selectors import complaint_to_track
from accountability.services_complaints import (
    complaint_accept,
    complaint_answer,
    complaint_decline,
    complaint_extend,
    complaint_file,
)
from core.errors import ConflictError
from messaging.models import Message
from tests.accountability.conftest import at, run_job


@pytest.fixture
def complain(official_calendar, handler):
    def file(when=None, **fields):
        fields.setdefault("subject", "办事推诿")
        fields.setdefault("description", "窗口工作人员让我第三次补交材料")
        fields.setdefault("complainant_name", "孙先生")
        fields.setdefault("complainant_phone", "137-0000-1234")
        fields.setdefault("about_staff", handler)
        with time_machine.travel(when or at(2026, 12, 1), tick=False):
            return complaint_file(actor=None, **fields)

    return file


@pytest.mark.django_db
def test_the_public_files_and_tracks_with_the_last_four_digits(complain, department):
    complaint = complain()
    assert complaint.number == "TS202612010001"
    assert (complaint.channel, complaint.complainant_phone, complaint.about_department) == (
        ComplaintChannel.WEB,
        "13700001234",
        department,
    )
    # Accepted or declined within 7 working days: Tue 12-01 + 7 = Thu 12-10.
    assert complaint.accept_due == date(2026, 12, 10)
    assert complaint_to_track("ts202612010001", "1234") == complaint
    for number, digits in (("TS202612010001", "1235"), ("TS202612010002", "1234"), ("TS202612010001", "34")):
        assert complaint_to_track(number, digits) is None


@pytest.mark.django_db
def test_a_complaint_needs_a_way_to_reply_unless_anonymous(complain):
    with pytest.raises(ValidationError) as refused:
        complain(complainant_name="", complainant_phone="abc")
    assert set(refused.value.message_dict) == {"complainant_name", "complainant_phone"}
    anonymous = complain(anonymous=True, complainant_name="孙先生", complainant_phone="13700001234")
    assert (anonymous.complainant_name, anonymous.complainant_phone) == ("", "")
    assert complaint_to_track(anonymous.number, "1234") is None
    assert Complaint.objects.count() == 1


@pytest.mark.django_db
def test_only_supervisors_act_and_each_step_in_its_state(complain, chief, supervisor):
    complaint = complain()
    with pytest.raises(PermissionDenied):
        complaint_accept(actor=chief.user, complaint=complaint)
    with pytest.raises(ConflictError):
        complaint_answer(actor=supervisor.user, complaint=complaint, answer="已答复", upheld=False)
    with pytest.raises(ValidationError):
        complaint_decline(actor=supervisor.user, complaint=complaint, reason="")
    declined = complaint_decline(actor=supervisor.user, complaint=complaint, reason="不属于效能投诉受理范围")
    assert declined.status == ComplaintStatus.DECLINED
    with pytest.raises(ConflictError):
        complaint_accept(actor=supervisor.user, complaint=complaint)


@pytest.mark.django_db
def test_answered_in_fifteen_working_days_extended_once_to_thirty(complain, supervisor):
    complaint = complain()
    with time_machine.travel(at(2026, 12, 2), tick=False):
        complaint = complaint_accept(actor=supervisor.user, complaint=complaint)
    assert complaint.answer_due == date(2026, 12, 23)
    with time_machine.travel(at(2026, 12, 20), tick=False):
        complaint = complaint_extend(actor=supervisor.user, complaint=complaint, reason="需调取监控录像")
    # 30 working days from the acceptance (Wed 12-02) fall in 2027, whose schedule is not
    # entered here: the year's last day, never a guess later than the real limit could be.
    assert complaint.answer_due == date(2026, 12, 31)
    with pytest.raises(ConflictError):
        complaint_extend(actor=supervisor.user, complaint=complaint, reason="再延")


@pytest.mark.django_db
def test_an_upheld_complaint_opens_the_persons_record_and_two_cross_the_front_desk_bar(
    complain, handler, chief, supervisor
):
    for day in (1, 2):
        complaint = complaint_accept(actor=supervisor.user, complaint=complain(when=at(2026, 12, day)))
        complaint_answer(actor=supervisor.user, complaint=complaint, answer="经核实属实", upheld=True)
    records = Record.objects.filter(source="complaint")
    assert [(r.staff, r.card) for r in records] == [(handler, "yellow"), (handler, "yellow")]
    crossed = ThresholdCrossed.objects.get()
    assert (crossed.threshold, crossed.count, crossed.limit) == ("front_desk", 2, 2)
    not_upheld = complaint_accept(actor=supervisor.user, complaint=complain(when=at(2026, 12, 3)))
    complaint_answer(actor=supervisor.user, complaint=not_upheld, answer="经核实不属实", upheld=False)
    assert records.count() == 2


@pytest.mark.django_db
def test_late_steps_are_reminded_then_escalated_once_each(complain, supervisor):
    complaint = complain()  # to accept by Thu 12-10
    assert run_job(complaint_remind, at(2026, 12, 8)) == "0 to accept, 0 to answer reminded"
    assert run_job(complaint_remind, at(2026, 12, 9)) == "1 to accept, 0 to answer reminded"
    assert run_job(complaint_remind, at(2026, 12, 10)) == "0 to accept, 0 to answer reminded"
    assert run_job(complaint_escalate, at(2026, 12, 10)) == "0 late to accept, 0 late to answer"
    assert run_job(complaint_escalate, at(2026, 12, 11)) == "1 late to accept, 0 late to answer"
    assert run_job(complaint_escalate, at(2026, 12, 14)) == "0 late to accept, 0 late to answer"
    assert ComplaintAlert.objects.filter(complaint=complaint).count() == 2
    assert Message.objects.filter(kind__startswith="complaint.", recipient=supervisor.user).count() == 2
