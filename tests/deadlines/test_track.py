"""Public case tracking (/track/): number + the phone's last four digits, status and dates only."""

from datetime import date

import pytest
import time_machine
from django.conf import settings
from django.core.cache import cache
from django.test import Client

from deadlines.models import Case
from deadlines.services import case_complete, case_open_instruction
from tests.deadlines.conftest import at

URL = "/track/"
NOW = at(2026, 11, 10)  # a Tuesday
NOT_FOUND = "No case matches that number and phone"


@pytest.fixture(autouse=True)
def _frozen_clock_and_fresh_counters():
    # The lookup counter lives in the cache, and counts per minute of the clock.
    cache.clear()
    with time_machine.travel(NOW, tick=False):
        yield
    cache.clear()


@pytest.fixture
def client():
    english = Client()
    english.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return english


@pytest.fixture
def case(open_case):
    return open_case(received_at=at(2026, 11, 2))  # due Mon 2026-11-16; phone 13812345678


def look_up(client, number, last4, **extra):
    return client.post(URL, {"number": number, "phone_last4": last4}, **extra)


def test_the_page_needs_no_login_and_posts_its_form_with_a_csrf_token(client, db):
    response = client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'method="post"' in page
    assert "csrfmiddlewaretoken" in page
    assert 'name="phone_last4"' in page
    assert response["Cache-Control"].startswith("max-age=0")


def test_a_lookup_without_the_csrf_token_is_refused(case):
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(URL, {"number": case.number, "phone_last4": "5678"}).status_code == 403


def test_the_right_pair_shows_status_and_due_date(client, case, item):
    response = look_up(client, case.number, "5678")
    assert response.status_code == 200
    page = response.content.decode()
    assert case.number in page
    assert item.current.name in page
    assert "Received" in page
    assert "2026-11-02" in page  # received
    assert "2026-11-16" in page  # due
    assert NOT_FOUND not in page
    assert "Overdue" not in page


def test_the_page_shows_no_names_no_handler_and_no_phone(client, case, handler, front_desk):
    page = look_up(client, f"  {case.number} ", "5678").content.decode()
    assert case.number in page
    for private in ("王先生", handler.name, front_desk.name, "13812345678", "138****5678", "1381234"):
        assert private not in page


@pytest.mark.parametrize(
    ("number", "last4"),
    [("202611020001", "0000"), ("202611020001", "5679"), ("202611029999", "5678")],
)
def test_a_wrong_number_or_phone_gets_the_same_generic_message(client, case, number, last4):
    page = look_up(client, number, last4).content.decode()
    assert NOT_FOUND in page
    assert "2026-11-16" not in page
    assert "phone is wrong" not in page.lower()
    assert "number is wrong" not in page.lower()


def test_wrong_number_and_wrong_phone_answer_alike(client, case):
    def answer(number, last4):
        page = look_up(client, number, last4).content.decode()
        start = page.index('data-testid="track-not-found"')
        return page[start : page.index("</div>", page.index("</div>", start) + 1)]

    assert answer(case.number, "0000") == answer("202611029999", "5678")


def test_a_malformed_last_four_digits_is_explained_and_looks_nothing_up(client, case):
    page = look_up(client, case.number, "56a8").content.decode()
    assert "Enter the last four digits of the phone you gave us." in page
    assert "2026-11-16" not in page


def test_an_overdue_case_says_so(client, open_case, make_item):
    late = open_case(received_at=at(2026, 11, 2), service_item=make_item(committed_days=3))  # due 11-05
    page = look_up(client, late.number, "5678").content.decode()
    assert "Overdue" in page
    assert "2026-11-05" in page


def test_a_completed_case_says_when(client, case, handler):
    with time_machine.travel(at(2026, 11, 9, hour=15), tick=False):
        case_complete(actor=handler.user, case=case)
    page = look_up(client, case.number, "5678").content.decode()
    assert "Completed" in page
    assert "2026-11-09" in page
    assert "Overdue" not in page


def test_a_leaders_instruction_is_never_trackable(client, chief, handler):
    instruction = case_open_instruction(
        actor=chief.user,
        title="专题报告",
        instruction="按期报送",
        leader="王副局长",
        due_date=date(2026, 11, 20),
        handler=handler,
    )
    # Even with a phone on it, it is not the public's to see.
    Case.objects.filter(pk=instruction.pk).update(applicant_phone="13812345678")
    page = look_up(client, instruction.number, "5678").content.decode()
    assert NOT_FOUND in page
    assert "专题报告" not in page


def test_the_eleventh_lookup_in_a_minute_is_429_and_says_to_wait(client, case):
    for _ in range(10):
        assert look_up(client, case.number, "0000").status_code == 200
    response = look_up(client, case.number, "5678")
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    page = response.content.decode()
    assert "wait a minute" in page
    assert "2026-11-16" not in page
    assert client.get(URL).status_code == 200  # the form itself is not a lookup
    other_address = Client(REMOTE_ADDR="10.0.0.2")
    assert look_up(other_address, case.number, "5678").status_code == 200


def test_a_minute_later_lookups_are_allowed_again(client, case):
    for _ in range(11):
        look_up(client, case.number, "0000")
    with time_machine.travel(at(2026, 11, 10).replace(minute=2), tick=False):
        response = look_up(client, case.number, "5678")
    assert response.status_code == 200
    assert "2026-11-16" in response.content.decode()


def test_other_methods_are_405(client, db):
    assert client.put(URL).status_code == 405
    assert client.delete(URL).status_code == 405


@pytest.mark.parametrize("number", ["abc", "2026110200", "2026110200011", "20261102000a"])
def test_a_number_that_is_not_twelve_digits_is_explained_and_looks_nothing_up(client, case, number):
    page = look_up(client, number, "5678").content.decode()
    assert "A case number is the 12 digits printed on your receipt" in page
    assert NOT_FOUND not in page
    assert "2026-11-16" not in page


def test_too_short_entries_are_explained_in_plain_chinese(case):
    chinese = Client()
    page = look_up(chinese, "abc", "12").content.decode()
    assert "办件编号是回执上印的 12 位数字" in page
    assert "请输入您登记的联系电话后四位" in page
    assert "变量" not in page


def test_full_width_digits_and_spaces_from_a_chinese_keyboard_are_read_as_digits(client, case, item):
    page = look_up(client, " ２０２６１１０２ ０００１ ", "５６７８").content.decode()
    assert "2026-11-16" in page
