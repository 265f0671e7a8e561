"""One service item on the public board (/board/items/<code>/): everything a visitor must know."""

import pytest

from commitments.models import MaterialForm
from commitments.services import MaterialSpec, service_item_create, service_item_revise
from tests.factories import catalogue_keeper

CONTENT = {
    "name": "公共场所卫生许可（新办）",
    "basis": "《公共场所卫生管理条例》第八条",
    "conditions": "卫生设施符合国家卫生标准",
    "procedure": "申请—受理—审查—决定—发证",
    "statutory_days": 20,
    "committed_days": 10,
    "fees": "工本费 10 元",
    "fee_basis": "省物价局收费批复（示例）",
    "service_standard": "材料齐全当场受理",
    "place": "政务服务大厅 3 号窗口",
    "hours": "工作日 9:00—17:00",
    "consult_channel": "咨询电话 0571-8800-1002",
    "complaint_channel": "效能投诉电话 0571-8800-1006",
}
MATERIALS = [
    MaterialSpec("卫生许可申请表", MaterialForm.ORIGINAL, 1, "窗口领取", "须签字"),
    MaterialSpec("营业执照", MaterialForm.COPY, 2, "市场监管部门核发", "核验原件"),
    MaterialSpec("卫生检测报告", MaterialForm.ORIGINAL_AND_COPY, 1, "检测机构出具", "一年内有效"),
    MaterialSpec("平面布局图", MaterialForm.ELECTRONIC, 1, "申请人自备", "PDF 格式"),
]


@pytest.fixture
def item(department):
    return service_item_create(
        actor=catalogue_keeper(), code="XK-008", department=department, content=CONTENT, materials=MATERIALS
    )


def detail(client, code="XK-008"):
    client.cookies["django_language"] = "en"  # the user chose English
    return client.get(f"/board/items/{code}/")


def test_anonymous_visitor_sees_everything_about_the_item(client, item):
    response = detail(client)
    assert response.status_code == 200
    page = response.content.decode()
    for value in CONTENT.values():
        if isinstance(value, str):
            assert value in page, value
    assert "行政审批科" in page


def test_the_complete_materials_list_with_form_copies_source_and_notes(client, item):
    page = detail(client).content.decode()
    materials = page.split('data-testid="materials"')[1]
    for spec in MATERIALS:
        assert spec.name in materials
        assert spec.source in materials
        assert spec.notes in materials
    for form in ["Original", "Copy", "Original and copy", "Electronic"]:
        assert f'<td data-label="Form">{form}</td>' in materials
    assert '<td data-label="Copies" class="num">2</td>' in materials


def test_both_time_limits_are_shown(client, item):
    page = detail(client).content.decode()
    committed = page.split('data-testid="committed-limit"')[1].split("</div>\n</div>")[0]
    statutory = page.split('data-testid="statutory-limit"')[1].split("</div>\n</div>")[0]
    assert "10 working days" in committed
    assert "20 working days" in statutory


def test_an_item_handled_on_the_spot_with_no_statutory_limit_says_so(client, department):
    service_item_create(
        actor=catalogue_keeper(),
        code="XK-010",
        department=department,
        content={"name": "仅销售预包装食品备案", "basis": "《食品安全法》第三十五条", "committed_days": 0},
        materials=[MaterialSpec("备案信息采集表")],
    )
    page = detail(client, "XK-010").content.decode()
    assert "Handled on the spot" in page
    assert "None set by law" in page
    assert "Free of charge" in page


def test_the_board_shows_the_version_in_force(client, item, administrator):
    service_item_revise(
        actor=administrator.user,
        item=item,
        content={**CONTENT, "committed_days": 5},
        materials=MATERIALS[:2],
        change_note="压缩时限",
    )
    page = detail(client).content.decode()
    assert "5 working days" in page
    assert "卫生检测报告" not in page
    assert "version 2" in page


def test_logged_in_staff_see_it_too(login, handler, item):
    assert detail(login(handler)).status_code == 200


@pytest.mark.parametrize("code", ["NOPE", "xk-008", "XK-008%20", "%E4%B8%AD"])
def test_an_unknown_code_is_404(client, item, code):
    assert detail(client, code).status_code == 404


def test_an_unpublished_item_is_404(client, department):
    service_item_create(
        actor=catalogue_keeper(),
        code="XK-099",
        department=department,
        content={**CONTENT, "name": "内部试行事项"},
        materials=MATERIALS,
        published=False,
    )
    response = detail(client, "XK-099")
    assert response.status_code == 404
    assert "内部试行事项" not in response.content.decode()


def test_the_page_is_printable_on_its_own(client, item):
    page = detail(client).content.decode()
    from django.contrib.staticfiles import finders

    assert "window.print()" in page
    assert "/static/css/board.css" in page
    with open(finders.find("css/board.css"), encoding="utf-8") as css:
        assert "@media print" in css.read()
    assert 'class="board-nav no-print"' in page


def test_query_count_does_not_grow_with_materials(client, department, django_assert_max_num_queries):
    many = [MaterialSpec(f"材料{n}") for n in range(20)]
    service_item_create(
        actor=catalogue_keeper(), code="BIG", department=department, content=CONTENT, materials=many
    )
    with django_assert_max_num_queries(3):
        assert detail(client, "BIG").status_code == 200
