import threading

import pytest
import time_machine
from django.db import connection

from inquiries.jobs import flag_unowned
from inquiries.models import Inquiry, InquiryStatus, Outcome, OwnerAlert, OwnerStep
from inquiries.services import inquiry_record_outcome
from messaging.models import Message
from tests.inquiries.conftest import at


@pytest.fixture
def monday_inquiry(log_inquiry, clerk):
    with time_machine.travel(at(2026, 11, 16), tick=False):
        return log_inquiry(asked=[clerk])


def test_no_outcome_by_the_next_working_day_is_flagged_and_the_chief_told_once(
    monday_inquiry, clerk, chief, other_chief
):
    assert str(monday_inquiry.outcome_due) == "2026-11-17"
    with time_machine.travel(at(2026, 11, 17, 18), tick=False):
        assert flag_unowned().startswith("flagged 0")
    with time_machine.travel(at(2026, 11, 18, 9), tick=False):
        assert flag_unowned().startswith("flagged 1")
        assert flag_unowned().startswith("flagged 0")
    monday_inquiry.refresh_from_db()
    assert monday_inquiry.flagged
    assert Message.objects.filter(kind="inquiry.no_outcome", recipient=chief.user).count() == 1
    assert Message.objects.filter(kind="inquiry.no_outcome", recipient=clerk.user).count() == 1
    assert not Message.objects.filter(recipient=other_chief.user).exists()


def test_a_friday_inquiry_waits_over_the_weekend(log_inquiry, clerk, chief):
    with time_machine.travel(at(2026, 11, 20), tick=False):  # Friday
        inquiry = log_inquiry(asked=[clerk])
    assert str(inquiry.outcome_due) == "2026-11-23"
    with time_machine.travel(at(2026, 11, 23, 17), tick=False):
        flag_unowned()
    assert not OwnerAlert.objects.exists()


def test_an_inquiry_with_an_outcome_is_left_alone(monday_inquiry, clerk, chief):
    with time_machine.travel(at(2026, 11, 16, 15), tick=False):
        inquiry_record_outcome(actor=clerk.user, inquiry=monday_inquiry, outcome=Outcome.HANDLED)
    with time_machine.travel(at(2026, 11, 25), tick=False):
        flag_unowned()
    assert not OwnerAlert.objects.exists()


def test_a_transfer_not_acknowledged_is_escalated_once(monday_inquiry, clerk, handler, chief):
    with time_machine.travel(at(2026, 11, 16, 11), tick=False):
        inquiry_record_outcome(
            actor=clerk.user, inquiry=monday_inquiry, outcome=Outcome.TRANSFER, transfer_to=handler
        )
    with time_machine.travel(at(2026, 11, 18, 9), tick=False):
        assert flag_unowned().endswith("1 transfers not acknowledged")
        flag_unowned()
    assert Message.objects.filter(kind="inquiry.not_acknowledged", recipient=chief.user).count() == 1
    assert Message.objects.filter(kind="inquiry.not_acknowledged", recipient=handler.user).count() == 1
    assert Inquiry.objects.get().status == InquiryStatus.TRANSFERRED


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_tell_the_chief_once(official_calendar, log_inquiry, clerk, chief):
    with time_machine.travel(at(2026, 11, 16), tick=False):
        for _ in range(5):
            log_inquiry(asked=[clerk])
    results = []

    def run():
        try:
            with time_machine.travel(at(2026, 11, 18, 9), tick=False):
                results.append(flag_unowned())
        finally:
            connection.close()

    workers = [threading.Thread(target=run) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert OwnerAlert.objects.count() == 5
    assert Message.objects.filter(kind="inquiry.no_outcome", recipient=chief.user).count() == 5


def test_the_flag_is_recorded_in_the_audit_trail(monday_inquiry):
    from audit.models import AuditEvent

    with time_machine.travel(at(2026, 11, 18, 9), tick=False):
        flag_unowned()
    event = AuditEvent.objects.get(verb="inquiry.flag")
    assert (event.subject_id, event.actor, event.after) == (
        str(monday_inquiry.pk),
        None,
        {"flagged": OwnerStep.NO_OUTCOME},
    )


def test_an_outcome_recorded_after_the_candidates_were_read_is_not_flagged(
    monday_inquiry, clerk, chief, monkeypatch
):
    """The first responder answers while the job runs: its claim is undone and no one is told."""
    from inquiries import jobs

    read = jobs._no_outcome

    def answered_after_the_read(today):
        candidates = read(today)
        if candidates:  # the first read; the job reads again until nothing is left
            assert candidates == [monday_inquiry]
            inquiry_record_outcome(actor=clerk.user, inquiry=monday_inquiry, outcome=Outcome.HANDLED)
        return candidates

    monkeypatch.setattr(jobs, "_no_outcome", answered_after_the_read)
    with time_machine.travel(at(2026, 11, 18, 9), tick=False):
        assert flag_unowned().startswith("flagged 0")
    inquiry = Inquiry.objects.get()
    assert (inquiry.status, inquiry.flagged) == (InquiryStatus.CLOSED, False)
    assert not OwnerAlert.objects.exists()
    assert not Message.objects.filter(kind="inquiry.no_outcome").exists()


def test_a_transfer_acknowledged_after_the_candidates_were_read_is_not_flagged(
    monday_inquiry, clerk, handler, chief, monkeypatch
):
    from inquiries import jobs
    from inquiries.models import Transfer
    from inquiries.services import transfer_acknowledge

    with time_machine.travel(at(2026, 11, 16, 11), tick=False):
        inquiry_record_outcome(
            actor=clerk.user, inquiry=monday_inquiry, outcome=Outcome.TRANSFER, transfer_to=handler
        )
    read = jobs._not_acknowledged

    def acknowledged_after_the_read(today):
        candidates = read(today)
        if candidates:  # the first read; the job reads again until nothing is left
            assert [transfer.inquiry for transfer in candidates] == [monday_inquiry]
            transfer_acknowledge(actor=handler.user, transfer=candidates[0])
        return candidates

    monkeypatch.setattr(jobs, "_not_acknowledged", acknowledged_after_the_read)
    with time_machine.travel(at(2026, 11, 18, 9), tick=False):
        assert flag_unowned().endswith(" 0 transfers not acknowledged")
    transfer = Transfer.objects.get()
    assert transfer.acknowledged_at is not None and not transfer.flagged
    assert not OwnerAlert.objects.exists()
    assert not Message.objects.filter(kind="inquiry.not_acknowledged").exists()


def test_a_backlog_larger_than_a_batch_is_flagged_in_one_run(
    log_inquiry, clerk, chief, monkeypatch, django_assert_max_num_queries
):
    from inquiries import jobs

    monkeypatch.setattr(jobs, "BATCH", 2)
    with time_machine.travel(at(2026, 11, 16), tick=False):
        for _ in range(5):
            log_inquiry(asked=[clerk])
    with time_machine.travel(at(2026, 11, 18, 9), tick=False):
        # Three batches, whose queries do not grow with them, and the reads that find nothing left;
        # each batch asks once who covers the owners away (rule 4, abpositions.cover.covering).
        with django_assert_max_num_queries(3 * 14 + 3):
            assert flag_unowned() == (
                "flagged 5 with no outcome, 0 taken over with no outcome, 0 transfers not acknowledged"
            )
        assert flag_unowned().startswith("flagged 0")
    assert Inquiry.objects.filter(flagged=True).count() == 5
    assert Message.objects.filter(kind="inquiry.no_outcome", recipient=chief.user).count() == 5


def _transferred_and_acknowledged(inquiry, clerk, handler, *, acknowledged_on):
    from inquiries.models import Transfer
    from inquiries.services import transfer_acknowledge

    with time_machine.travel(at(2026, 11, 16, 11), tick=False):
        inquiry_record_outcome(
            actor=clerk.user, inquiry=inquiry, outcome=Outcome.TRANSFER, transfer_to=handler
        )
    with time_machine.travel(acknowledged_on, tick=False):
        transfer_acknowledge(actor=handler.user, transfer=Transfer.objects.get(inquiry=inquiry))
    inquiry.refresh_from_db()
    return inquiry


def test_an_acknowledged_transfer_with_no_outcome_is_flagged_and_the_chief_told_once(
    monday_inquiry, clerk, handler, chief
):
    """Taken over on Tuesday, due the next working day: on Thursday the handler and chief are told once."""
    inquiry = _transferred_and_acknowledged(
        monday_inquiry, clerk, handler, acknowledged_on=at(2026, 11, 17, 9)
    )
    assert (inquiry.status, inquiry.owner, str(inquiry.outcome_due)) == (
        InquiryStatus.ACKNOWLEDGED,
        handler,
        "2026-11-18",
    )
    with time_machine.travel(at(2026, 11, 18, 18), tick=False):
        assert "0 taken over with no outcome" in flag_unowned()
    with time_machine.travel(at(2026, 11, 19, 9), tick=False):
        assert "1 taken over with no outcome" in flag_unowned()
        assert "0 taken over with no outcome" in flag_unowned()
    inquiry.refresh_from_db()
    assert inquiry.flagged
    assert inquiry.status == InquiryStatus.ACKNOWLEDGED
    assert OwnerAlert.objects.get(inquiry=inquiry, step=OwnerStep.NO_HANDLER_OUTCOME)
    told = Message.objects.filter(kind="inquiry.no_handler_outcome")
    assert sorted(told.values_list("recipient__username", flat=True)) == sorted(
        [handler.user.username, chief.user.username]
    )
    assert handler.name in told.first().body


def test_an_acknowledged_transfer_answered_in_time_is_left_alone(monday_inquiry, clerk, handler, chief):
    inquiry = _transferred_and_acknowledged(
        monday_inquiry, clerk, handler, acknowledged_on=at(2026, 11, 17, 9)
    )
    with time_machine.travel(at(2026, 11, 18, 10), tick=False):
        inquiry_record_outcome(
            actor=handler.user, inquiry=inquiry, outcome=Outcome.HANDLED, note="已回电答复"
        )
    with time_machine.travel(at(2026, 11, 25), tick=False):
        flag_unowned()
    assert not OwnerAlert.objects.filter(step=OwnerStep.NO_HANDLER_OUTCOME).exists()
    assert Inquiry.objects.get().status == InquiryStatus.CLOSED


def test_a_first_responder_flagged_earlier_does_not_hide_the_handlers_flag(
    monday_inquiry, clerk, handler, chief
):
    """Late with the transfer, and then late with the outcome: two steps, each told once."""
    with time_machine.travel(at(2026, 11, 18, 9), tick=False):
        assert flag_unowned().startswith("flagged 1")
    inquiry = _transferred_and_acknowledged(
        monday_inquiry, clerk, handler, acknowledged_on=at(2026, 11, 18, 10)
    )
    assert not inquiry.flagged
    with time_machine.travel(at(2026, 11, 23, 9), tick=False):
        assert "1 taken over with no outcome" in flag_unowned()
    assert set(OwnerAlert.objects.values_list("step", flat=True)) == {
        OwnerStep.NO_OUTCOME,
        OwnerStep.NO_HANDLER_OUTCOME,
    }
