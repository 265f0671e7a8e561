"""/track/ for a refused case: the applicant sees whether the chief has
confirmed the refusal and, once the notice is given, its number; nothing of
who refused it."""

import pytest
import time_machine
from django.conf import settings
from django.core.cache import cache
from django.test import Client

from refusals.services import refusal_confirm, refusal_notice_give, refusal_overturn
from tests.refusals.conftest import at

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_counters():
    cache.clear()  # the lookups' rate limit
    yield
    cache.clear()


@pytest.fixture
def english():
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def look_up(client, case):
    with time_machine.travel(at(2026, 12, 8), tick=False):
        response = client.post("/track/", {"number": case.number, "phone_last4": "5678"})
    assert response.status_code == 200
    return response.content.decode()


def test_under_review_the_case_shows_refused_and_no_notice_yet(english, case, file_refusal):
    refusal = file_refusal(case)
    page = look_up(english, case)
    assert "Refused" in page
    assert "Under the section chief&#x27;s review" in page
    assert refusal.number not in page
    assert "administrative reconsideration" in page


def test_confirmed_and_given_it_shows_the_notice_number(english, case, file_refusal, chief, handler):
    refusal = file_refusal(case)
    with time_machine.travel(at(2026, 12, 4), tick=False):
        refusal_confirm(actor=chief.user, refusal=refusal, opinion="依据充分")
    assert refusal.number not in look_up(english, case)  # confirmed, not given yet
    with time_machine.travel(at(2026, 12, 7), tick=False):
        refusal_notice_give(actor=handler.user, refusal=refusal)
    page = look_up(english, case)
    assert "Confirmed by the section chief" in page
    assert "Refusal notice number" in page and refusal.number in page
    for private in (handler.name, chief.name, "依据充分", "王先生", "13812345678"):
        assert private not in page


def test_in_chinese_too(client, case, file_refusal, chief):
    refusal = file_refusal(case)
    with time_machine.travel(at(2026, 12, 4), tick=False):
        refusal_confirm(actor=chief.user, refusal=refusal)
    page = look_up(client, case)
    assert "不予受理/不予许可决定" in page and "科室负责人已确认" in page


def test_overturned_the_case_is_open_again_with_no_refusal_shown(english, case, file_refusal, chief):
    refusal = file_refusal(case)
    with time_machine.travel(at(2026, 12, 7), tick=False):
        refusal_overturn(actor=chief.user, refusal=refusal, opinion="材料补正后可予许可")
    page = look_up(english, case)
    assert 'data-testid="track-detail"' not in page
    assert "Under the section chief" not in page and "Refused" not in page


def test_a_case_never_refused_shows_no_refusal(english, case):
    assert 'data-testid="track-detail"' not in look_up(english, case)


def test_the_lookup_reads_few_queries(english, case, file_refusal, django_assert_max_num_queries):
    file_refusal(case)
    with django_assert_max_num_queries(6):
        look_up(english, case)
