"""The case receipt as a PDF: the same sheet as the print page, on one A4 page."""

import subprocess
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
    return f"/cases/{case.pk}/receipt/pdf/"


def pdf_text(content: bytes, tmp_path, *options) -> str:
    path = tmp_path / "receipt.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdftotext", *options, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def pages(content: bytes, tmp_path) -> int:
    path = tmp_path / "receipt.pdf"
    path.write_bytes(content)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def test_anonymous_is_sent_to_login(client, case):
    assert client.get(url(case))["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("role", ["front_desk", "handler", "chief", "supervisor"])
def test_who_may_view_the_case_gets_its_receipt_as_a_pdf(role, request, login, case, pdf_font, tmp_path):
    response = login(request.getfixturevalue(role)).get(url(case))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="{case.number}.pdf"'
    assert case.number in pdf_text(response.content, tmp_path)


@pytest.mark.parametrize("role", ["other_chief", "administrator"])
def test_others_get_404(role, request, login, case):
    assert login(request.getfixturevalue(role)).get(url(case)).status_code == 404


def test_a_handler_of_another_case_gets_404(login, make_staff, case):
    assert login(make_staff(Role.HANDLER)).get(url(case)).status_code == 404


def test_post_is_not_allowed(login, front_desk, case):
    assert login(front_desk).post(url(case)).status_code == 405


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


def test_the_pdf_holds_what_the_applicant_needs_on_one_page(
    login, front_desk, case, settings, pdf_font, tmp_path
):
    from constance import config

    config.BUREAU_NAME = "某某市市场监督管理局"
    settings.SITE_URL = "https://xiaoneng.bureau.example"
    content = login(front_desk).get(url(case)).content
    text = "".join(pdf_text(content, tmp_path).split())
    assert "某某市市场监督管理局" in text and "受理回执" in text
    assert case.number in text
    assert case.item_version.name in text
    assert "2026-11-0209:00" in text  # the spaces are gone with the line breaks
    assert "2026-11-16" in text
    assert "138****5678" in text and "13812345678" not in text
    assert "0571-8800-1002" in text
    assert "https://xiaoneng.bureau.example/track/" in text
    assert pages(content, tmp_path) == 1


def test_the_pdf_takes_a_bounded_number_of_queries(
    login, front_desk, case, pdf_font, django_assert_max_num_queries
):
    from constance import config

    config.BUREAU_NAME = "某某市市场监督管理局"
    client = login(front_desk)
    with django_assert_max_num_queries(
        9
    ):  # +1: rule 4, the A holders the user covers now (cover.covered_holders)
        assert client.get(url(case)).status_code == 200
