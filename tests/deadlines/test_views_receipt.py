from datetime import date

import pytest
import time_machine

from deadlines.services import case_open_instruction
from org.roles import Role
from tests.deadlines.conftest import at


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(at(2026, 11, 10), tick=False):
        yield


@pytest.fixture
def case(open_case, department):
    department.public_phone = "0571-8800-1002"
    department.save(update_fields=["public_phone"])
    return open_case(received_at=at(2026, 11, 2, 9))  # due Mon 2026-11-16


def url(case):
    return f"/cases/{case.pk}/receipt/"


def test_anonymous_is_sent_to_login(client, case):
    assert client.get(url(case))["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("role", ["front_desk", "handler", "chief", "supervisor"])
def test_who_may_view_the_case_may_print_its_receipt(role, request, login, case):
    response = login(request.getfixturevalue(role)).get(url(case))
    assert response.status_code == 200
    assert f'data-testid="sheet-number">{case.number}<' in response.content.decode()


@pytest.mark.parametrize("role", ["other_chief", "administrator"])
def test_others_get_404(role, request, login, case):
    assert login(request.getfixturevalue(role)).get(url(case)).status_code == 404


def test_a_handler_of_another_case_gets_404(login, make_staff, case):
    assert login(make_staff(Role.HANDLER)).get(url(case)).status_code == 404


def test_the_receipt_holds_what_the_applicant_needs(login, front_desk, case, settings):
    from constance import config

    config.BUREAU_NAME = "某某市市场监督管理局"
    settings.SITE_URL = "https://xiaoneng.bureau.example"
    page = login(front_desk).get(url(case)).content.decode()
    assert "某某市市场监督管理局" in page
    assert case.number in page
    assert case.item_version.name in page
    assert "王先生" in page
    assert "2026-11-02 09:00" in page
    assert "2026-11-16" in page
    assert "0571-8800-1002" in page
    assert "https://xiaoneng.bureau.example/track/" in page


def test_the_phone_is_masked_on_paper_even_for_the_receiver(login, front_desk, case):
    page = login(front_desk).get(url(case)).content.decode()
    assert "138****5678" in page
    assert "13812345678" not in page


def test_the_tracking_address_falls_back_to_this_site(login, front_desk, case, settings):
    settings.SITE_URL = ""
    assert "http://testserver/track/" in login(front_desk).get(url(case)).content.decode()


def test_it_prints_on_a4_like_every_paper(login, front_desk, case):
    page = login(front_desk).get(url(case)).content.decode()
    assert "@page { size: A4" in page
    assert f'href="/cases/{case.pk}/receipt/pdf/"' in page


def test_post_is_not_allowed(login, front_desk, case):
    assert login(front_desk).post(url(case)).status_code == 405


def test_the_page_takes_a_bounded_number_of_queries(login, front_desk, case, django_assert_max_num_queries):
    from constance import config

    config.BUREAU_NAME = "某某市市场监督管理局"
    client = login(front_desk)
    with django_assert_max_num_queries(
        12
    ):  # +1: rule 4, the A holders the user covers now (cover.covered_holders)
        assert client.get(url(case)).status_code == 200


def test_a_leaders_instruction_has_no_receipt(login, chief, handler):
    case = case_open_instruction(
        actor=chief.user,
        title="批示件",
        instruction="",
        leader="王局长",
        due_date=date(2026, 11, 30),
        handler=handler,
    )
    assert login(chief).get(url(case)).status_code == 404
