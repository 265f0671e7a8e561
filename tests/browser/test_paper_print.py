"""The browser's print of a paper, as Chromium makes it on A4: the demo-like
notice with ten missing materials and the case receipt each on one sheet;
thirty materials break between rows, with the signature block on the last
page next to a material; no line of Chinese starts with a closing mark."""

import re
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connections
from django.template.loader import render_to_string
from django.urls import reverse
from playwright.sync_api import expect

from deadlines.services import case_open
from notifications.paper import LABELS
from tests.factories import PASSWORD
from tests.papers import demo_like_item, demo_like_notice


def off_the_loop(make, *args, **kwargs):
    """Made in another thread: Playwright's event loop runs in this one, and
    constance hands a coroutine to a setting read inside it (the inquiry's
    working days)."""

    def made():
        try:
            return make(*args, **kwargs)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(made).result()


def log_in(page, username):
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()


def run(*args) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True, timeout=60).stdout


def printed(page, live_server, url, username, tmp_path):
    """The page as Chromium prints it on A4: the file's path and its page count."""
    page.goto(live_server.url + url)
    log_in(page, username)
    expect(page).to_have_url(live_server.url + url)
    expect(page.get_by_test_id("sheet")).to_be_visible()
    path = tmp_path / "printed.pdf"
    path.write_bytes(page.pdf(format="A4"))
    return path, pages_of(path)


def pages_of(path) -> int:
    return int(re.search(r"Pages:\s+(\d+)", run("pdfinfo", str(path))).group(1))


def page_text(path, number: int) -> str:
    return "".join(run("pdftotext", "-f", str(number), "-l", str(number), str(path), "-").split())


@pytest.fixture
def bureau_name(transactional_db):
    from constance import config

    config.BUREAU_NAME = "示范市市场监督管理局"


def test_the_demo_notice_with_ten_missing_materials_prints_on_one_sheet(
    page, live_server, official_calendar, front_desk, bureau_name, tmp_path
):
    notice = off_the_loop(demo_like_notice, front_desk, missing=10)
    url = reverse("notices:print", args=[notice.pk])
    path, pages = printed(page, live_server, url, front_desk.user.username, tmp_path)
    assert pages == 1
    text = page_text(path, 1)
    assert notice.number in text
    assert LABELS["receipt"] in text and LABELS["section_phone"] in text


def test_thirty_materials_keep_the_signature_with_a_material_on_the_last_page(
    page, live_server, official_calendar, front_desk, bureau_name, tmp_path
):
    notice = off_the_loop(demo_like_notice, front_desk, missing=30)
    url = reverse("notices:print", args=[notice.pk])
    path, pages = printed(page, live_server, url, front_desk.user.username, tmp_path)
    assert pages >= 2
    last = page_text(path, pages)
    assert LABELS["receipt"] in last
    assert notice.materials.last().name.replace(" ", "") in last
    assert LABELS["material"] in last  # the table's header, again
    assert not any(LABELS["receipt"] in page_text(path, number) for number in range(1, pages))


def test_the_case_receipt_prints_on_one_sheet(
    page, live_server, official_calendar, front_desk, handler, bureau_name, tmp_path
):
    item = demo_like_item(front_desk.department, 6)
    case = case_open(
        actor=front_desk.user,
        service_item=item,
        applicant_name="杭州鲜味坊餐饮管理有限公司",
        applicant_phone="13867129905",
        handler=handler,
    )
    url = reverse("cases:receipt", args=[case.pk])
    path, pages = printed(page, live_server, url, front_desk.user.username, tmp_path)
    assert pages == 1
    text = page_text(path, 1)
    assert case.number in text and "138****9905" in text


def test_no_printed_line_starts_with_a_closing_mark(
    page, live_server, official_calendar, front_desk, bureau_name, tmp_path
):
    from notifications.models import NoticeMaterial
    from tests.core.test_paper_pdf import CLOSING_MARKS, ENGINEERED

    notice = off_the_loop(demo_like_notice, front_desk, missing=len(ENGINEERED))
    for row, name in zip(notice.materials.order_by("order", "id"), ENGINEERED, strict=False):
        NoticeMaterial.objects.filter(pk=row.pk).update(name=name)
    url = reverse("notices:print", args=[notice.pk])
    path, _pages = printed(page, live_server, url, front_desk.user.username, tmp_path)
    runs = re.findall(r"<word [^>]*>([^<]*)</word>", run("pdftotext", "-bbox", str(path), "-"))
    assert not [text for text in runs if text[0] in CLOSING_MARKS]
    for mark in "），；：":
        assert any(text.startswith(f"甲{mark}") for text in runs), mark


def print_css() -> str:
    source = (Path(settings.BASE_DIR) / "templates" / "paper" / "print.html").read_text()
    return re.search(r"<style>.*?</style>", source, re.S).group(0)


@pytest.mark.parametrize("count", range(30, 72, 4))
def test_wherever_the_table_breaks_the_signature_keeps_the_last_row(count, page, tmp_path):
    """The sheet alone, without the site around it: its rows of one to three
    lines make the page break fall before the last row for some counts."""
    from tests.core.test_paper_pdf import row, sheet

    body = render_to_string(
        "paper/sheet.html", {"sheet": sheet([row(index) for index in range(1, count + 1)])}
    )
    page.set_content(f'<html><head><meta charset="utf-8">{print_css()}</head><body>{body}</body></html>')
    path = tmp_path / "sheet.pdf"
    path.write_bytes(page.pdf(format="A4"))
    pages = pages_of(path)
    last = page_text(path, pages)
    assert "服务对象签收" in last and f"材料第{count}项" in last
    assert "材料名称" in last
    assert not any("服务对象签收" in page_text(path, number) for number in range(1, pages))
