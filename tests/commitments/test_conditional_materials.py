"""A conditional material (needed only in the case its condition names): kept with
each version, edited on the catalogue page, carried by the spreadsheet, shown on
the board and in the API."""

import pytest
import tablib
from django.utils import translation

from commitments.catalogue_io import (
    CHANGED,
    UNCHANGED,
    check_catalogue,
    export_catalogue,
    import_catalogue,
    plan_import,
)
from commitments.models import MaterialForm, ServiceItem, ServiceItemVersion
from commitments.services import MaterialSpec, service_item_create, service_item_revise, version_content
from tests.commitments.fixtures.catalogue import CONTENT, catalogue_row, spreadsheet
from tests.factories import catalogue_keeper

PROXY_LINE = "授权委托书及受托人身份证|原件和复印件|1|申请人出具||委托他人办理时提供"
MATERIALS = [
    MaterialSpec("食品经营许可申请书", MaterialForm.ORIGINAL, 1),
    MaterialSpec(
        "授权委托书及受托人身份证", MaterialForm.ORIGINAL_AND_COPY, 1, "申请人出具", "", "委托他人办理时提供"
    ),
]


@pytest.fixture
def item(department):
    return service_item_create(
        actor=catalogue_keeper(), code="SP-0001", department=department, content=CONTENT, materials=MATERIALS
    )


def rows_of(data: bytes, filename: str):
    check = check_catalogue(data, filename)
    assert check.errors == []
    return check.rows


def test_the_condition_is_kept_with_the_version_and_a_change_of_it_is_a_new_version(item):
    proxy = item.current.materials.get(name="授权委托书及受托人身份证")
    assert proxy.conditional and proxy.condition == "委托他人办理时提供"
    assert not item.current.materials.get(name="食品经营许可申请书").conditional
    content, materials = version_content(item.current)
    materials[1] = MaterialSpec(**{**materials[1].__dict__, "condition": ""})
    version = service_item_revise(actor=catalogue_keeper(), item=item, content=content, materials=materials)
    assert version.number == 2
    assert not version.materials.get(name="授权委托书及受托人身份证").conditional
    first = ServiceItemVersion.objects.get(item=item, number=1)
    assert first.materials.get(name="授权委托书及受托人身份证").condition == "委托他人办理时提供"


def test_a_sixth_part_of_the_material_line_is_its_condition(administrator, department):
    rows = rows_of(spreadsheet([catalogue_row("SP-0002", 申请材料=f"申请书\n{PROXY_LINE}")]), "c.xlsx")
    import_catalogue(actor=administrator.user, rows=rows)
    materials = ServiceItem.objects.get(code="SP-0002").current.materials.all()
    assert [(m.name, m.condition) for m in materials] == [
        ("申请书", ""),
        ("授权委托书及受托人身份证", "委托他人办理时提供"),
    ]


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_the_condition_goes_out_and_comes_back_unchanged(item, administrator, file_format):
    exported = export_catalogue(file_format)
    [row] = (
        tablib.Dataset()
        .load(exported if file_format == "xlsx" else exported.decode("utf-8-sig"), format=file_format)
        .dict
    )
    assert PROXY_LINE in row["申请材料"]
    plan = plan_import(rows_of(exported, f"export.{file_format}"))
    assert plan.counts[UNCHANGED] == 1 and plan.counts[CHANGED] == 0


def test_changing_only_the_condition_in_the_file_is_a_change_of_the_materials(item, administrator):
    exported = tablib.Dataset().load(export_catalogue("xlsx"), format="xlsx")
    row = exported.dict[0]
    row["申请材料"] = row["申请材料"].replace("委托他人办理时提供", "委托代理人办理时提供")
    rows = rows_of(spreadsheet([row]), "c.xlsx")
    plan = plan_import(rows)
    assert plan.counts[CHANGED] == 1
    import_catalogue(actor=administrator.user, rows=rows)
    item.refresh_from_db()
    assert item.current.number == 2
    assert item.current.materials.get(name="授权委托书及受托人身份证").condition == "委托代理人办理时提供"


def test_a_condition_too_long_in_the_file_is_named_by_its_line(department):
    with translation.override("en"):
        errors = check_catalogue(
            spreadsheet([catalogue_row("SP-0003", 申请材料=f"申请书|原件|1|||{'长' * 201}")]), "c.xlsx"
        ).errors
    assert "line 1 is too long" in " ".join(str(error) for error in errors)


def test_the_board_shows_the_condition_next_to_the_material(client, item):
    page = client.get("/board/items/SP-0001/").content.decode()
    materials = page.split('data-testid="materials"')[1]
    proxy_row = materials.split("授权委托书及受托人身份证")[1].split("</tr>")[0]
    assert 'data-testid="material-condition"' in proxy_row
    assert "委托他人办理时提供" in proxy_row
    assert materials.count('data-testid="material-condition"') == 1


def test_the_api_says_which_material_is_conditional_and_when(api, item):
    body = api().get(f"/api/v1/service-items/{item.pk}/").json()
    assert [(m["name"], m["conditional"], m["condition"]) for m in body["materials"]] == [
        ("食品经营许可申请书", False, ""),
        ("授权委托书及受托人身份证", True, "委托他人办理时提供"),
    ]


def test_the_edit_page_saves_a_condition_as_a_new_version(login, administrator, item):
    version = item.current
    data = {
        "department": item.department.pk,
        "published": "on",
        "change_note": "委托书改为有条件提供",
        **{field: "" if value is None else value for field, value in CONTENT.items()},
        "fee_basis": "",
        "service_standard": "",
        "place": "",
        "hours": "",
        "consult_channel": "",
        "complaint_channel": "",
    }
    materials = list(version.materials.all())
    for index, m in enumerate(materials):
        data.update(
            {
                f"materials-{index}-name": m.name,
                f"materials-{index}-form": m.form,
                f"materials-{index}-copies": m.copies,
                f"materials-{index}-source": m.source,
                f"materials-{index}-notes": m.notes,
                f"materials-{index}-condition": "本人办理时提供" if index == 0 else m.condition,
                f"materials-{index}-ORDER": index + 1,
            }
        )
    data["materials-TOTAL_FORMS"] = data["materials-INITIAL_FORMS"] = len(materials)
    client = login(administrator)
    assert client.get("/catalogue/SP-0001/edit/").context["materials"].forms[1]["condition"].value() == (
        "委托他人办理时提供"
    )
    response = client.post("/catalogue/SP-0001/edit/", data)
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.current.number == 2
    assert [m.condition for m in item.current.materials.all()] == ["本人办理时提供", "委托他人办理时提供"]
    assert "本人办理时提供" in client.get("/catalogue/SP-0001/").content.decode()
