"""Every way an application could end in a "no" without a filed refusal (issue 12, 3):
the services, the API and the admin of cases, inquiries and notices each refuse
it, or go through rule 6 and file one."""

import pytest
import time_machine
from django.contrib import admin
from django.core.exceptions import ValidationError

from core.errors import ConflictError
from deadlines.models import Case, CaseStatus
from deadlines.services import case_complete, case_refuse, case_start, case_withdraw
from inquiries.models import Inquiry, InquiryKind, InquiryStatus, Outcome
from inquiries.services import inquiry_close_by_notice, inquiry_close_refused, inquiry_record_outcome
from notifications.models import Notice
from notifications.services import notice_issue
from refusals.models import Refusal, RefusalKind, RefusalStatus
from tests.refusals.conftest import BASIS, at

pytestmark = pytest.mark.django_db

NOT_ACCEPTABLE = {"kind": "not_acceptable", "reason": "申请事项依法不需要取得行政许可", "rule": BASIS}


@pytest.fixture(autouse=True)
def _thursday_3_december():
    with time_machine.travel(at(2026, 12, 3), tick=False):
        yield


@pytest.fixture
def application(handler, log_inquiry, item):
    """An application inquiry the handler answers for as its first responder."""
    return log_inquiry(asked=[handler], kind=InquiryKind.APPLICATION, service_item=item)


@pytest.fixture
def no_filer(monkeypatch):
    """A system where rule 6 registered no filer: a 'cannot be accepted' notice has nowhere to go."""
    from notifications import links

    monkeypatch.setattr(links, "_refusal_filer", None)


# --- cases ---------------------------------------------------------------------------


@pytest.mark.parametrize("number", ["", "BY202612030001"])
def test_the_case_service_refuses_nothing_without_the_refusal_on_file(case, handler, number):
    with pytest.raises(ConflictError):
        case_refuse(actor=handler.user, case=case, refusal_number=number)
    case.refresh_from_db()
    assert case.status == CaseStatus.RECEIVED


def test_another_cases_refusal_does_not_refuse_this_one(case, open_case, handler, file_refusal):
    other = file_refusal(open_case())
    with pytest.raises(ConflictError):
        case_refuse(actor=handler.user, case=case, refusal_number=other.number)
    case.refresh_from_db()
    assert case.status == CaseStatus.RECEIVED


def test_no_other_move_of_a_case_ends_refused(case, open_case, handler):
    case_start(actor=handler.user, case=case)
    assert case.status == CaseStatus.IN_PROGRESS
    case_complete(actor=handler.user, case=case)
    withdrawn = case_withdraw(actor=handler.user, case=open_case(), reason="申请人撤回申请")
    assert (case.status, withdrawn.status) == (CaseStatus.COMPLETED, CaseStatus.WITHDRAWN)
    assert not Case.objects.filter(status=CaseStatus.REFUSED).exists()


def test_the_cases_api_writes_no_status(api, handler, case, item):
    client = api(handler)
    url = f"/api/v1/cases/{case.pk}/"
    assert client.patch(url, {"status": "refused"}, format="json").status_code == 405
    assert client.put(url, {"status": "refused"}, format="json").status_code == 405
    started = client.post(f"{url}start/", {"status": "refused"}, format="json")
    assert (started.status_code, started.json()["status"]) == (200, "in_progress")
    created = client.post(
        "/api/v1/cases/",
        {
            "service_item": item.pk,
            "applicant_name": "赵女士",
            "applicant_phone": "13812345670",
            "status": "refused",
        },
        format="json",
    )
    assert (created.status_code, created.json()["status"]) == (201, "received")
    assert not Case.objects.filter(status=CaseStatus.REFUSED).exists()


# --- inquiries -----------------------------------------------------------------------


@pytest.mark.parametrize("close", [inquiry_close_by_notice, inquiry_close_refused])
def test_the_inquiry_services_close_nothing_as_refused_without_a_refusal(close, application, handler):
    with pytest.raises(ConflictError):
        close(actor=handler.user, inquiry=application, note="不予受理")
    application.refresh_from_db()
    assert (application.status, application.outcome) == (InquiryStatus.OPEN, "")


def test_refused_is_not_an_outcome_one_records_by_hand(application, handler):
    with pytest.raises(ValidationError) as refused:
        inquiry_record_outcome(actor=handler.user, inquiry=application, outcome=Outcome.REFUSED)
    assert "outcome" in refused.value.message_dict
    application.refresh_from_db()
    assert (application.status, application.outcome) == (InquiryStatus.OPEN, "")


def test_the_inquiries_api_takes_no_refused_outcome(api, application, handler):
    response = api(handler).post(
        f"/api/v1/inquiries/{application.pk}/outcome/", {"outcome": "refused"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["outcome"]
    application.refresh_from_db()
    assert (application.status, application.outcome) == (InquiryStatus.OPEN, "")
    assert not Inquiry.objects.filter(outcome=Outcome.REFUSED).exists()


# --- one-time notices ------------------------------------------------------------------


def test_a_cannot_be_accepted_notice_files_a_refusal_reviewed_after(application, handler):
    notice = notice_issue(actor=handler.user, inquiry=application, **NOT_ACCEPTABLE)
    refusal = Refusal.objects.get(notice=notice)
    assert (refusal.kind, refusal.status, refusal.inquiry) == (
        RefusalKind.NOT_ACCEPTED,
        RefusalStatus.FILED,
        application,
    )
    assert (refusal.legal_basis, refusal.on_the_spot, refusal.officer) == (BASIS, True, handler)
    application.refresh_from_db()
    assert application.status == InquiryStatus.CLOSED


def test_a_cannot_be_accepted_notice_on_a_case_refuses_it_through_a_refusal(case, handler):
    notice = notice_issue(actor=handler.user, case=case, **NOT_ACCEPTABLE)
    case.refresh_from_db()
    assert case.status == CaseStatus.REFUSED
    assert Refusal.objects.get(case=case).notice == notice


def test_without_a_filer_no_cannot_be_accepted_notice_is_issued(application, handler, no_filer):
    with pytest.raises(ConflictError):
        notice_issue(actor=handler.user, inquiry=application, **NOT_ACCEPTABLE)
    application.refresh_from_db()
    assert application.status == InquiryStatus.OPEN
    assert not Notice.objects.exists() and not Refusal.objects.exists()


def test_the_notices_api_files_the_refusal(api, application, handler):
    response = api(handler).post(
        "/api/v1/notices/", {"inquiry": application.pk, **NOT_ACCEPTABLE}, format="json"
    )
    assert response.status_code == 201, response.content
    assert Refusal.objects.get().notice_id == response.json()["id"]


def test_the_notices_api_without_a_filer_is_409_and_writes_nothing(api, application, handler, no_filer):
    response = api(handler).post(
        "/api/v1/notices/", {"inquiry": application.pk, **NOT_ACCEPTABLE}, format="json"
    )
    assert response.status_code == 409
    assert response.json()["detail"]
    assert not Notice.objects.exists()
    application.refresh_from_db()
    assert application.status == InquiryStatus.OPEN


# --- the admin -------------------------------------------------------------------------


def test_the_admin_changes_no_matters_or_refusals_status(rf, administrator):
    registered = {
        model._meta.label: admin.site._registry.get(model) for model in (Case, Inquiry, Notice, Refusal)
    }
    assert registered["deadlines.Case"] is None
    assert registered["inquiries.Inquiry"] is None
    assert registered["notifications.Notice"] is None
    request = rf.get("/admin/")
    request.user = administrator.user
    request.user.is_superuser = True  # even one who passes every permission
    for model_admin in filter(None, registered.values()):
        assert not model_admin.has_change_permission(request)
        assert not model_admin.has_add_permission(request)
