"""A visitor with no login finds a service item on the public board, offline from the internet."""

import pytest
from playwright.sync_api import expect

from commitments.models import MaterialForm
from commitments.services import MaterialSpec, service_item_create
from tests.factories import catalogue_keeper

MATERIALS = [
    MaterialSpec("食品经营许可申请书", MaterialForm.ORIGINAL, 1, "窗口领取或网上下载", "须经营者签字"),
    MaterialSpec("营业执照", MaterialForm.COPY, 1, "市场监督管理部门核发"),
    MaterialSpec("经营场所平面布局图", MaterialForm.ORIGINAL, 2, "申请人自备"),
    MaterialSpec("食品安全管理制度文本", MaterialForm.ORIGINAL, 1, "申请人自备"),
]


@pytest.fixture
def catalogue(department, other_department):
    service_item_create(
        actor=catalogue_keeper(),
        code="XK-001",
        department=department,
        content={
            "name": "食品经营许可（新办）",
            "basis": "《中华人民共和国食品安全法》第三十五条",
            "statutory_days": 20,
            "committed_days": 10,
        },
        materials=MATERIALS,
    )
    service_item_create(
        actor=catalogue_keeper(),
        code="SJ-001",
        department=other_department,
        content={"name": "消费投诉受理", "basis": "《消费者权益保护法》第三十九条", "committed_days": 3},
        materials=[MaterialSpec("投诉书")],
    )


def test_visitor_searches_opens_an_item_and_sees_its_materials_and_time_limits(page, live_server, catalogue):
    page.goto(live_server.url + "/board/")

    expect(page.get_by_role("button", name="退出")).to_have_count(0)
    page.get_by_role("searchbox").first.fill("食品经营")
    page.get_by_role("searchbox").first.press("Enter")

    expect(page).to_have_url(live_server.url + "/board/items/?search=%E9%A3%9F%E5%93%81%E7%BB%8F%E8%90%A5")
    results = page.get_by_test_id("board-items")
    expect(results.get_by_role("link", name="食品经营许可（新办）")).to_be_visible()
    expect(results.get_by_role("link", name="消费投诉受理")).to_have_count(0)
    results.get_by_role("link", name="食品经营许可（新办）").click()

    expect(page).to_have_url(live_server.url + "/board/items/XK-001/")
    expect(page.get_by_role("heading", level=1)).to_have_text("食品经营许可（新办）")
    rows = page.get_by_test_id("materials").locator("tbody tr")
    expect(rows).to_have_count(len(MATERIALS))
    for row, material in zip(rows.all(), MATERIALS, strict=True):
        expect(row).to_contain_text(material.name)
        expect(row).to_contain_text(material.source)
    expect(page.get_by_test_id("committed-limit")).to_contain_text("10")
    expect(page.get_by_test_id("statutory-limit")).to_contain_text("20")


def test_on_a_phone_the_materials_become_cards_with_labels(page, live_server, catalogue):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/board/items/XK-001/")

    expect(page.get_by_test_id("materials").locator("thead")).to_be_hidden()
    first = page.get_by_test_id("materials").locator("tbody tr").first
    expect(first).to_contain_text("食品经营许可申请书")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways on a phone ({width}px)"


def test_every_board_page_loads_only_from_our_own_server(page, live_server, catalogue):
    requested = []
    page.on("request", lambda request: requested.append(request.url))

    for path in ["/board/", "/board/items/", "/board/items/XK-001/", "/board/staff/", "/board/rules/"]:
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
        expect(page.get_by_role("heading", level=1)).to_be_visible()

    assert requested, "the browser made no requests at all"
    outside = [url for url in requested if not url.startswith(live_server.url)]
    assert not outside, f"requests that need the internet: {outside}"
    assert any(url.endswith(".css") for url in requested)
    assert any("bootstrap-icons" in url for url in requested)
