"""The refusal page (/refusals/<id>/): everything the refusal says, and the
chief's confirm or overturn (/refusals/<id>/decide/), once."""

import pytest
import time_machine

from deadlines.models import CaseStatus
from inquiries.models import InquiryKind
from refusals.models import RefusalStatus
from tests.refusals.conftest import BASIS, at

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(at(2026, 12, 4), tick=False):
        yield


@pytest.fixture
def refusal(case, file_refusal):
    return file_refusal(case)


def url(refusal):
    return f"/refusals/{refusal.pk}/"


def decide(refusal):
    return f"/refusals/{refusal.pk}/decide/"


def test_the_officer_sees_all_the_refusal_says_but_no_decide_form(login, handler, refusal, case):
    page = login(handler).get(url(refusal)).content.decode()
    assert f'href="/cases/{case.pk}/" data-testid="matter-link">{case.number}' in page
    for text in (
        "王先生",
        "申请人经营场所与食品安全要求不符",
        "经营场所不符合食品安全要求",
        BASIS,
        "整改经营场所后重新申请",
    ):
        assert text in page
    assert handler.name in page and "2026-12-03 10:00" in page
    assert "2026-12-07" in page and "data-late" not in page
    assert 'data-testid="decide"' not in page
    assert "已否定报备" in page  # the history panel's filing event


def test_the_chief_confirms_with_an_opinion(login, chief, refusal):
    client = login(chief)
    assert 'data-testid="decide"' in client.get(url(refusal)).content.decode()
    response = client.post(decide(refusal), {"decision": "confirm", "opinion": "依据充分"}, follow=True)
    refusal.refresh_from_db()
    assert refusal.status == RefusalStatus.CONFIRMED
    page = response.content.decode()
    assert "依据充分" in page and chief.name in page and 'data-testid="decide"' not in page


def test_an_overturn_without_its_opinion_comes_back_in_chinese(login, chief, refusal):
    response = login(chief).post(decide(refusal), {"decision": "overturn", "opinion": " "})
    assert response.status_code == 400
    assert "请" in response.content.decode().split('data-testid="error">')[1][:60]
    refusal.refresh_from_db()
    assert refusal.status == RefusalStatus.FILED


def test_overturned_the_case_is_open_again(login, chief, refusal, case):
    login(chief).post(decide(refusal), {"decision": "overturn", "opinion": "材料齐全，应予受理"})
    case.refresh_from_db()
    assert case.status == CaseStatus.RECEIVED
    refusal.refresh_from_db()
    assert (refusal.status, refusal.opinion) == (RefusalStatus.OVERTURNED, "材料齐全，应予受理")


def test_a_late_review_is_shown_red(login, chief, refusal):
    with time_machine.travel(at(2026, 12, 8), tick=False):
        page = login(chief).get(url(refusal)).content.decode()
    assert 'data-testid="review-due" data-late' in page


def test_a_refusal_told_at_the_window_says_so(login, handler, case, file_refusal):
    told = file_refusal(case, told_at=at(2026, 12, 3, 9))
    page = login(handler).get(url(told)).content.decode()
    assert 'data-testid="on-the-spot"' in page and "2026-12-03 09:00" in page


def test_an_inquirys_refusal_links_to_the_inquiry(login, handler, log_inquiry, item, file_refusal):
    inquiry = log_inquiry(asked=[handler], kind=InquiryKind.APPLICATION, service_item=item)
    refusal = file_refusal(inquiry, kind="not_accepted")
    page = login(handler).get(url(refusal)).content.decode()
    assert f'href="/inquiries/{inquiry.pk}/" data-testid="matter-link"' in page


def test_wrong_methods(login, chief, refusal):
    client = login(chief)
    assert client.post(url(refusal)).status_code == 405
    assert client.get(decide(refusal)).status_code == 405


def test_anonymous_is_sent_to_log_in(client, refusal):
    for response in (client.get(url(refusal)), client.post(decide(refusal), {"decision": "confirm"})):
        assert response.status_code == 302 and "/login/" in response["Location"]
    refusal.refresh_from_db()
    assert refusal.status == RefusalStatus.FILED


def test_the_officer_and_a_supervisor_may_not_decide(login, handler, supervisor, refusal):
    assert login(supervisor).get(url(refusal)).status_code == 200
    for staff in (handler, supervisor):
        response = login(staff).post(decide(refusal), {"decision": "confirm", "opinion": "x"})
        assert response.status_code == 403
    refusal.refresh_from_db()
    assert refusal.status == RefusalStatus.FILED


def test_another_sections_chief_finds_nothing(login, other_chief, front_desk, refusal):
    client = login(other_chief)
    assert client.get(url(refusal)).status_code == 404
    assert client.post(decide(refusal), {"decision": "confirm"}).status_code == 404
    assert login(front_desk).get(url(refusal)).status_code == 404


def test_deciding_twice_is_a_conflict_shown_on_the_page(login, chief, refusal):
    client = login(chief)
    client.post(decide(refusal), {"decision": "confirm", "opinion": "依据充分"})
    response = client.post(decide(refusal), {"decision": "overturn", "opinion": "改判"})
    assert response.status_code == 409
    assert 'data-testid="conflict"' in response.content.decode()
    refusal.refresh_from_db()
    assert (refusal.status, refusal.opinion) == (RefusalStatus.CONFIRMED, "依据充分")


def test_the_page_takes_a_bounded_number_of_queries(login, chief, refusal, django_assert_max_num_queries):
    client = login(chief)
    client.post(decide(refusal), {"decision": "confirm", "opinion": "依据充分"})
    with django_assert_max_num_queries(20):
        assert client.get(url(refusal)).status_code == 200
