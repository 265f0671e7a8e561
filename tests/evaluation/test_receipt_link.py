"""The rating link goes with the case from its receipt on: printed with a QR
code (page and PDF), sent in the SMS that the case is completed (?c=sms), and
given as ``rating_url`` in the case API; a leader's instruction has none."""

import subprocess
from datetime import date

import pytest
import time_machine

from deadlines.models import CaseKind
from deadlines.services import case_complete, case_open_instruction
from evaluation.tokens import rating_path
from messaging.models import Channel, Message
from tests.evaluation.conftest import at

SITE = "https://xiaoneng.bureau.example"


@pytest.fixture(autouse=True)
def site(settings):
    settings.SITE_URL = SITE


@pytest.fixture
def case(official_calendar, open_case):
    with time_machine.travel(at(2026, 12, 1), tick=False):
        return open_case()


def pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "receipt.pdf"
    path.write_bytes(content)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def pdf_pages(content: bytes, tmp_path) -> int:
    path = tmp_path / "receipt.pdf"
    path.write_bytes(content)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def test_the_printed_receipt_carries_the_link_and_its_qr_code(login, front_desk, case):
    page = login(front_desk).get(f"/cases/{case.pk}/receipt/").content.decode()
    link = f"{SITE}{rating_path(case)}?c=qr"
    assert link in page
    assert 'data-testid="sheet-qr"' in page and '<svg viewBox="0 0 ' in page
    assert "扫码评价" in page


def test_without_a_site_address_the_receipt_links_to_the_address_it_was_printed_from(
    login, front_desk, case, settings
):
    settings.SITE_URL = ""
    page = login(front_desk).get(f"/cases/{case.pk}/receipt/").content.decode()
    assert f"http://testserver{rating_path(case)}?c=qr" in page


def test_the_receipt_pdf_carries_the_link_and_still_fits_one_page(
    login, front_desk, case, pdf_font, tmp_path
):
    from constance import config

    config.BUREAU_NAME = "某某市市场监督管理局"
    content = login(front_desk).get(f"/cases/{case.pk}/receipt/pdf/").content
    text = "".join(pdf_text(content, tmp_path).split())
    assert f"{SITE}{rating_path(case)}?c=qr" in text
    assert "扫码评价" in text
    assert pdf_pages(content, tmp_path) == 1


def test_the_pdf_draws_the_qr_code_of_the_link_itself(case, pdf_font):
    """reportlab draws the code itself: the PDF holds vector squares, no image."""
    from core.paper import sheet_pdf
    from deadlines.paper import receipt_of

    sheet = receipt_of(case, track_url=f"{SITE}/track/", site_url=SITE)
    assert sheet.qr.data == f"{SITE}{rating_path(case)}?c=qr"
    content = sheet_pdf(sheet)
    assert b"/Subtype /Image" not in content


def test_completing_the_case_texts_the_applicant_the_link(case, handler):
    with time_machine.travel(at(2026, 12, 3), tick=False):
        case_complete(actor=handler.user, case=case)
    message = Message.objects.get(kind="case.completed")
    assert (message.channel, message.address) == (Channel.SMS, "13812345678")
    assert case.number in message.body and "已办结" in message.body
    assert f"{SITE}{rating_path(case)}?c=sms" in message.body


def test_no_sms_without_a_phone_or_without_the_sites_address(official_calendar, open_case, handler, settings):
    with time_machine.travel(at(2026, 12, 1), tick=False):
        no_phone = open_case(applicant_phone="")
        other = open_case()
    settings.SITE_URL = ""
    with time_machine.travel(at(2026, 12, 3), tick=False):
        case_complete(actor=handler.user, case=no_phone)
        case_complete(actor=handler.user, case=other)
    assert not Message.objects.filter(kind="case.completed").exists()


def test_the_case_api_gives_the_rating_url(api, handler, case):
    answer = api(handler).get(f"/api/v1/cases/{case.pk}/").json()
    assert answer["rating_url"] == f"{SITE}{rating_path(case)}"
    listed = api(handler).get("/api/v1/cases/").json()["results"]
    assert [row["rating_url"] for row in listed] == [answer["rating_url"]]


def test_without_a_site_address_the_api_gives_the_address_it_was_asked_at(api, handler, case, settings):
    settings.SITE_URL = ""
    answer = api(handler).get(f"/api/v1/cases/{case.pk}/").json()
    assert answer["rating_url"] == f"http://testserver{rating_path(case)}"


def test_a_leaders_instruction_has_no_rating_url(api, chief, handler, official_calendar):
    case = case_open_instruction(
        actor=chief.user,
        title="批示件",
        instruction="",
        leader="王局长",
        due_date=date(2026, 12, 30),
        handler=handler,
    )
    assert case.kind == CaseKind.INSTRUCTION
    assert api(chief).get(f"/api/v1/cases/{case.pk}/").json()["rating_url"] is None
