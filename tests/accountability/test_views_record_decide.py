"""A record's appeal (/appeal/, /appeal/decide/) and the supervisor's decision
(/decide/) and correction (/correct/): by role and state, with evidence
files; a corrected decision stays on the page, marked as corrected."""

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from accountability.models import AppealStatus, Decision, Evidence, Measure, Outcome, RecordStatus
from accountability.services_records import appeal_file, record_decide
from tests.accountability.conftest import at

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4 evidence"


@pytest.fixture(autouse=True)
def today(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with time_machine.travel(at(2026, 12, 17), tick=False):
        yield


def url(record, action=""):
    return f"/accountability/records/{record.pk}/{action}"


def pdf(name="说明.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def test_the_handler_appeals_with_evidence_and_the_supervisor_upholds_it(
    login, handler, supervisor, overdue_record
):
    response = login(handler).post(
        url(overdue_record, "appeal/"), {"reasons": "系统停机，非本人原因", "files": [pdf()]}, follow=True
    )
    page = response.content.decode()
    assert "系统停机，非本人原因" in page and 'data-testid="appeal-evidence"' in page
    assert Evidence.objects.get(record=overdue_record).for_appeal
    client = login(supervisor)
    page = client.get(url(overdue_record)).content.decode()
    assert 'data-testid="appeal-decide"' in page and 'data-testid="decide"' not in page
    evidence = Evidence.objects.get(record=overdue_record)
    download = client.get(url(overdue_record, f"evidence/{evidence.pk}/"))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    page = client.post(
        url(overdue_record, "appeal/decide/"), {"decision": "uphold", "opinion": "核实系统停机"}, follow=True
    ).content.decode()
    overdue_record.refresh_from_db()
    assert (overdue_record.card, overdue_record.status) == ("", RecordStatus.DECIDED)
    assert overdue_record.decision.outcome == Outcome.NONE
    assert 'data-card="none"' in page and "核实系统停机" in page


def test_a_dismissed_appeal_leaves_the_card_and_the_decision_to_come(
    login, handler, supervisor, overdue_record
):
    appeal_file(actor=handler.user, record=overdue_record, reasons="理由")
    login(supervisor).post(
        url(overdue_record, "appeal/decide/"), {"decision": "dismiss", "opinion": "理由不成立"}
    )
    overdue_record.refresh_from_db()
    assert overdue_record.appeal.status == AppealStatus.DISMISSED and overdue_record.card == "yellow"
    assert 'data-testid="decide"' in login(supervisor).get(url(overdue_record)).content.decode()


def test_appealing_twice_is_a_conflict_and_a_file_of_the_wrong_kind_is_refused(
    login, handler, overdue_record
):
    client = login(handler)
    renamed = SimpleUploadedFile("假.pdf", b"MZ not a pdf", content_type="application/pdf")
    refused = client.post(url(overdue_record, "appeal/"), {"reasons": "理由", "files": [renamed]})
    assert refused.status_code == 400 and "is-invalid" in refused.content.decode()
    assert client.post(url(overdue_record, "appeal/"), {"reasons": "理由"}).status_code == 302
    again = client.post(url(overdue_record, "appeal/"), {"reasons": "再次"})
    assert again.status_code == 409 and 'data-testid="conflict"' in again.content.decode()


def test_deciding_an_appeal_needs_reasons_a_supervisor_and_a_waiting_appeal(
    login, handler, chief, supervisor, overdue_record
):
    client = login(supervisor)
    assert (
        client.post(url(overdue_record, "appeal/decide/"), {"decision": "uphold", "opinion": "x"}).status_code
        == 409
    )
    appeal_file(actor=handler.user, record=overdue_record, reasons="理由")
    assert (
        client.post(url(overdue_record, "appeal/decide/"), {"decision": "uphold", "opinion": " "}).status_code
        == 400
    )
    for staff in (handler, chief):
        response = login(staff).post(
            url(overdue_record, "appeal/decide/"), {"decision": "uphold", "opinion": "x"}
        )
        assert response.status_code == 403
    overdue_record.refresh_from_db()
    assert overdue_record.appeal.status == AppealStatus.FILED


def test_the_supervisor_decides_another_measure_with_findings_and_files(login, supervisor, overdue_record):
    measure = Measure.objects.create(name="诫勉谈话")
    client = login(supervisor)
    missing = client.post(url(overdue_record, "decide/"), {"outcome": "other", "findings": "超期三日"})
    assert missing.status_code == 400 and "is-invalid" in missing.content.decode()
    page = client.post(
        url(overdue_record, "decide/"),
        {"outcome": "other", "measure": measure.pk, "findings": "超期三日", "files": [pdf("调查.pdf")]},
        follow=True,
    ).content.decode()
    assert "诫勉谈话" in page and 'data-testid="evidence"' in page
    assert 'data-testid="not-acknowledged"' in page and 'data-testid="correct"' in page
    overdue_record.refresh_from_db()
    assert overdue_record.decision.measure == measure


def test_a_correction_supersedes_the_decision_visibly(login, supervisor, overdue_record):
    record_decide(actor=supervisor.user, record=overdue_record, outcome="criticism", findings="批评")
    client = login(supervisor)
    assert (
        client.post(url(overdue_record, "decide/"), {"outcome": "warning", "findings": "x"}).status_code
        == 409
    )
    no_reason = client.post(url(overdue_record, "correct/"), {"outcome": "warning", "findings": "告诫"})
    assert no_reason.status_code == 400
    page = client.post(
        url(overdue_record, "correct/"),
        {"outcome": "warning", "findings": "情节较重", "correction_reason": "复核发现延误五日"},
        follow=True,
    ).content.decode()
    first, second = Decision.objects.filter(record=overdue_record).order_by("pk")
    assert second.supersedes == first
    assert f'data-decision="{first.pk}" data-superseded' in page and 'data-testid="corrected-by"' in page
    assert "<del>" in page and "复核发现延误五日" in page


def test_correcting_an_undecided_record_is_a_conflict(login, supervisor, overdue_record):
    response = login(supervisor).post(
        url(overdue_record, "correct/"), {"outcome": "warning", "findings": "x", "correction_reason": "y"}
    )
    assert response.status_code == 409


def test_only_supervisors_decide_and_others_find_nothing(login, handler, chief, other_chief, overdue_record):
    for staff in (handler, chief):
        assert (
            login(staff)
            .post(url(overdue_record, "decide/"), {"outcome": "none", "findings": "x"})
            .status_code
            == 403
        )
    for action in ("decide/", "appeal/", "appeal/decide/", "correct/"):
        assert login(other_chief).post(url(overdue_record, action), {}).status_code == 404
    assert not Decision.objects.exists()


def test_anonymous_may_not_act(client, overdue_record):
    for action in ("decide/", "appeal/", "appeal/decide/", "correct/", "acknowledge/"):
        response = client.post(url(overdue_record, action), {})
        assert response.status_code == 302 and "/login/" in response["Location"]


def test_deciding_takes_a_bounded_number_of_queries(
    login, supervisor, overdue_record, django_assert_max_num_queries
):
    client = login(supervisor)
    with django_assert_max_num_queries(45):
        response = client.post(url(overdue_record, "decide/"), {"outcome": "warning", "findings": "告诫"})
    assert response.status_code == 302
