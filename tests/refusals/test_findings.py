"""Rule 6's findings: a matter ended in a "no" without a refusal filed is found
once by ``refusal_find_unfiled``, and ``findings`` is what rules 7 and 8 read."""

from datetime import date

import pytest
import time_machine

from deadlines.models import Case, CaseStatus
from deadlines.services import case_withdraw
from notifications.models import Notice, NoticeKind
from notifications.services import notice_issue
from refusals.findings import findings
from refusals.jobs import refusal_find_unfiled
from refusals.models import FindingKind, RefusalFinding
from refusals.services import refusal_overturn
from tests.refusals.conftest import at


def run(day=4):
    with time_machine.travel(at(2026, 12, day, hour=11), tick=False):
        return refusal_find_unfiled()


def refused_before_rule_6(case):
    """A case refused by a path that no longer exists: no refusal was ever filed on it."""
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.REFUSED)
    return case


@pytest.fixture
def legacy_notice(handler, log_inquiry, item):
    """A 'cannot be accepted' notice from before it filed a refusal."""
    inquiry = log_inquiry(asked=[handler], kind="application", service_item=item)
    with time_machine.travel(at(2026, 12, 2), tick=False):
        notice = notice_issue(
            actor=handler.user, inquiry=inquiry, missing_material_ids=[item.current.materials.get().pk]
        )
    Notice.objects.filter(pk=notice.pk).update(
        kind=NoticeKind.NOT_ACCEPTABLE, reason="不属于本机关职权范围", rule="《行政许可法》第三十二条"
    )
    return notice


@pytest.mark.django_db
def test_a_case_refused_without_a_refusal_is_found_once(case, handler, department):
    refused_before_rule_6(case)
    assert run() == "1 cases, 0 notices found unfiled"
    run(day=7)
    finding = RefusalFinding.objects.get()
    assert (finding.kind, finding.staff, finding.department, finding.case) == (
        FindingKind.UNFILED,
        handler,
        department,
        case,
    )
    assert finding.on == date(2026, 12, 4)
    assert case.number in finding.note


@pytest.mark.django_db
def test_a_refusal_filed_whatever_became_of_it_is_no_finding_of_unfiled(case, open_case, file_refusal, chief):
    file_refusal(case)
    overturned = file_refusal(open_case())
    with time_machine.travel(at(2026, 12, 4), tick=False):
        refusal_overturn(actor=chief.user, refusal=overturned, opinion="应予许可")
    run()
    assert not RefusalFinding.objects.filter(kind=FindingKind.UNFILED).exists()


@pytest.mark.django_db
def test_a_case_withdrawn_by_staff_is_found_one_the_applicant_asked_for_is_not(case, open_case, handler):
    with time_machine.travel(at(2026, 12, 2), tick=False):
        asked = case_withdraw(
            actor=handler.user, case=open_case(), reason="申请人书面申请撤回", applicant_asked=True
        )
        by_staff = case_withdraw(actor=handler.user, case=case, reason="材料不齐")
    assert (asked.applicant_asked, by_staff.applicant_asked) == (True, False)
    # Withdrawn before the question was asked (the migration leaves it unknown): not flagged.
    earlier = open_case()
    Case.objects.filter(pk=earlier.pk).update(status="withdrawn", applicant_asked=None)
    run()
    run()
    assert [finding.case for finding in RefusalFinding.objects.all()] == [by_staff]
    assert by_staff.number in RefusalFinding.objects.get().note


@pytest.mark.django_db
def test_the_withdraw_form_records_that_the_applicant_asked(case, handler, login):
    client = login(handler)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert 'name="applicant_asked"' in page
    with time_machine.travel(at(2026, 12, 2), tick=False):
        response = client.post(
            f"/cases/{case.pk}/withdraw/", {"reason": "申请人书面申请撤回", "applicant_asked": "on"}
        )
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.status, case.applicant_asked) == (CaseStatus.WITHDRAWN, True)
    run()
    assert not RefusalFinding.objects.exists()


@pytest.mark.django_db
def test_a_legacy_cannot_be_accepted_notice_is_found_once(legacy_notice, handler):
    assert run() == "0 cases, 1 notices found unfiled"
    assert run(day=7) == "0 cases, 0 notices found unfiled"
    finding = RefusalFinding.objects.get()
    assert (finding.notice, finding.staff, finding.case) == (legacy_notice, handler, None)


@pytest.mark.django_db
def test_a_notice_that_filed_its_refusal_is_no_finding(handler, log_inquiry, item):
    inquiry = log_inquiry(asked=[handler], kind="application", service_item=item)
    with time_machine.travel(at(2026, 12, 2), tick=False):
        notice_issue(
            actor=handler.user, inquiry=inquiry, kind="not_acceptable", reason="不予受理", rule="第三十二条"
        )
    run()
    assert not RefusalFinding.objects.exists()


@pytest.mark.django_db
def test_one_run_drains_a_backlog_batch_by_batch(official_calendar, open_case, monkeypatch):
    from refusals import findings as module

    monkeypatch.setattr(module, "BATCH", 2)
    with time_machine.travel(at(2026, 12, 1), tick=False):
        for _ in range(5):
            refused_before_rule_6(open_case())
    run()
    assert RefusalFinding.objects.count() == 5


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_open_each_finding_once(official_calendar, open_case, legacy_notice):
    from tests.concurrency import run_together

    with time_machine.travel(at(2026, 12, 1), tick=False):
        cases = [refused_before_rule_6(open_case()) for _ in range(4)]
    with time_machine.travel(at(2026, 12, 4, hour=11), tick=False):
        results = run_together(refusal_find_unfiled, refusal_find_unfiled)
    assert [kind for kind, _value in results] == ["ok", "ok"], results
    assert RefusalFinding.objects.filter(case__in=cases).count() == 4
    assert RefusalFinding.objects.filter(notice=legacy_notice).count() == 1


@pytest.mark.django_db
def test_findings_by_staff_section_and_date(case, open_case, file_refusal, chief, handler, department):
    overturned = file_refusal(open_case())
    with time_machine.travel(at(2026, 12, 4), tick=False):
        refusal_overturn(actor=chief.user, refusal=overturned, opinion="应予许可")
    refused_before_rule_6(case)
    run(day=8)
    assert {row.kind for row in findings(staff=handler)} == {FindingKind.OVERTURNED, FindingKind.UNFILED}
    assert findings(department=department).count() == 2
    assert [row.kind for row in findings(since=date(2026, 12, 5))] == [FindingKind.UNFILED]
    assert not findings(staff=chief).exists()
