"""The officer's "refuse" form on a case's and an application inquiry's page,
posting to /refusals/file/<matter>/<id>/ (rule 6, issue 12 item 6)."""

import pytest
import time_machine

from deadlines.models import CaseStatus
from inquiries.models import InquiryKind, InquiryStatus
from refusals.models import Refusal, RefusalStatus
from tests.refusals.conftest import BASIS, at

pytestmark = pytest.mark.django_db

ITEM_BASIS = "《中华人民共和国食品安全法》第三十五条"


def _fields(**changes):
    fields = {
        "kind": "not_granted",
        "facts": "现场核查经营场所不符合要求",
        "reason": "经营场所不符合食品安全要求",
        "basis_source": "own",
        "legal_basis": BASIS,
        "cure": "整改后重新申请",
    }
    fields.update(changes)
    return fields


@pytest.fixture
def application(log_inquiry, handler, item):
    with time_machine.travel(at(2026, 12, 1), tick=False):
        return log_inquiry(
            asked=[handler], kind=InquiryKind.APPLICATION, service_item=item, subject="申请食品经营许可"
        )


def test_the_case_page_offers_its_handler_the_form_with_the_items_basis(login, handler, case):
    page = login(handler).get(f"/cases/{case.pk}/").content.decode()
    assert 'data-testid="refusals-panel"' in page
    assert f'action="/refusals/file/case/{case.pk}/"' in page
    assert 'data-testid="offered-bases"' in page and ITEM_BASIS in page


def test_who_may_not_refuse_sees_no_form(login, supervisor, case):
    page = login(supervisor).get(f"/cases/{case.pk}/").content.decode()
    assert 'data-testid="refuse-form"' not in page


def test_picking_the_items_basis_files_the_refusal_and_refuses_the_case(login, handler, chief, case):
    client = login(handler)
    response = client.post(
        f"/refusals/file/case/{case.pk}/", _fields(basis_source="0", legal_basis="第二款"), follow=True
    )
    refusal = Refusal.objects.get()
    assert response.redirect_chain[-1][0] == f"/refusals/{refusal.pk}/"
    assert refusal.legal_basis == f"{ITEM_BASIS}\n第二款"
    assert (refusal.status, refusal.officer, refusal.kind) == (RefusalStatus.FILED, handler, "not_granted")
    case.refresh_from_db()
    assert case.status == CaseStatus.REFUSED
    assert refusal.number in response.content.decode()
    # The case page lists it now, and offers no second refusal.
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert f'data-refusal="{refusal.number}"' in page and 'data-testid="refuse-form"' not in page


def test_the_item_basis_alone_is_enough(login, handler, case):
    login(handler).post(f"/refusals/file/case/{case.pk}/", _fields(basis_source="0", legal_basis=""))
    assert Refusal.objects.get().legal_basis == ITEM_BASIS


def test_without_a_basis_the_form_comes_back_in_chinese_and_nothing_is_written(login, handler, case):
    response = login(handler).post(f"/refusals/file/case/{case.pk}/", _fields(legal_basis="  ", facts=""))
    assert response.status_code == 400
    page = response.content.decode()
    assert "请写明否定所依据的法律条款" in page
    assert "经营场所不符合食品安全要求" in page  # what was typed is kept
    assert not Refusal.objects.exists()
    case.refresh_from_db()
    assert case.status == CaseStatus.RECEIVED


def test_the_form_has_its_own_page_too(login, handler, case):
    response = login(handler).get(f"/refusals/file/case/{case.pk}/")
    assert response.status_code == 200
    assert f'href="/cases/{case.pk}/"' in response.content.decode()


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_wrong_method(login, handler, case, method):
    assert getattr(login(handler), method)(f"/refusals/file/case/{case.pk}/").status_code == 405


def test_anonymous_is_sent_to_log_in(client, case):
    response = client.post(f"/refusals/file/case/{case.pk}/", _fields())
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert not Refusal.objects.exists()


def test_who_sees_the_case_but_does_not_work_it_is_refused(login, supervisor, front_desk, case):
    for staff in (supervisor, front_desk):
        assert login(staff).post(f"/refusals/file/case/{case.pk}/", _fields()).status_code == 403
    assert not Refusal.objects.exists()


def test_another_sections_chief_does_not_find_the_case(login, other_chief, case):
    assert login(other_chief).post(f"/refusals/file/case/{case.pk}/", _fields()).status_code == 404


def test_a_refused_case_cannot_be_refused_again(login, handler, case, file_refusal):
    file_refusal(case)
    response = login(handler).post(f"/refusals/file/case/{case.pk}/", _fields())
    assert response.status_code == 409
    assert 'data-testid="conflict"' in response.content.decode()
    assert Refusal.objects.count() == 1


def test_an_application_inquiry_is_refused_from_its_page(login, handler, application):
    client = login(handler)
    page = client.get(f"/inquiries/{application.pk}/").content.decode()
    assert f'action="/refusals/file/inquiry/{application.pk}/"' in page
    response = client.post(
        f"/refusals/file/inquiry/{application.pk}/", _fields(kind="not_accepted", basis_source="0")
    )
    refusal = Refusal.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/refusals/{refusal.pk}/"
    assert (refusal.inquiry, refusal.kind, refusal.legal_basis) == (
        application,
        "not_accepted",
        f"{ITEM_BASIS}\n{BASIS}",
    )
    application.refresh_from_db()
    assert application.status == InquiryStatus.CLOSED


def test_a_consultation_is_not_refused(login, handler, log_inquiry):
    consultation = log_inquiry(asked=[handler])
    client = login(handler)
    assert 'data-testid="refusals-panel"' not in client.get(f"/inquiries/{consultation.pk}/").content.decode()
    assert client.post(f"/refusals/file/inquiry/{consultation.pk}/", _fields()).status_code == 409
    assert not Refusal.objects.exists()


def test_the_case_page_costs_the_same_with_more_refusals(
    login, handler, chief, case, file_refusal, django_assert_max_num_queries
):
    from refusals.services import refusal_overturn

    client = login(handler)
    first = file_refusal(case)
    with django_assert_max_num_queries(60) as captured:
        client.get(f"/cases/{case.pk}/")
    with time_machine.travel(at(2026, 12, 4), tick=False):
        refusal_overturn(actor=chief.user, refusal=first, opinion="请继续办理")
    file_refusal(case, when=at(2026, 12, 7))
    with django_assert_max_num_queries(len(captured)):
        page = client.get(f"/cases/{case.pk}/").content.decode()
    assert page.count("data-refusal=") == 2
