"""Reading, checking, planning, applying and writing catalogue spreadsheets (commitments.catalogue_io)."""

import pytest
import tablib
from django.core.exceptions import PermissionDenied
from django.utils import translation

from audit.models import AuditEvent
from commitments import catalogue_io
from commitments.catalogue_io import (
    CHANGED,
    NEW,
    UNCHANGED,
    CatalogueChangedError,
    CatalogueFileError,
    RowError,
    catalogue_template,
    check_catalogue,
    export_catalogue,
    import_catalogue,
    plan_import,
)
from commitments.models import MaterialForm, ServiceItem, ServiceItemVersion
from commitments.services import MaterialSpec, service_item_create
from tests.commitments.fixtures.catalogue import HEADERS, catalogue_row, catalogue_rows, spreadsheet


@pytest.fixture(autouse=True)
def _english():
    # The messages are asserted in their English source form, whatever the lead translates.
    with translation.override("en"):
        yield


def only_rows(data: bytes, filename: str):
    check = check_catalogue(data, filename)
    assert check.errors == []
    return check.rows


def errors_of(rows, file_format="xlsx"):
    return check_catalogue(spreadsheet(rows, file_format), f"catalogue.{file_format}").errors


@pytest.fixture
def existing(administrator, department):
    """SP-0001 as the sample row describes it, imported once."""
    rows = only_rows(spreadsheet([catalogue_row("SP-0001")]), "c.xlsx")
    import_catalogue(actor=administrator.user, rows=rows)
    return ServiceItem.objects.get(code="SP-0001")


# --- Reading ---------------------------------------------------------------


def test_an_xlsx_row_becomes_an_item_with_its_materials(department):
    [row] = only_rows(spreadsheet([catalogue_row("SP-0001")]), "目录.xlsx")
    assert row.row == 2
    assert row.code == "SP-0001"
    assert row.department == department
    assert row.published is True
    assert row.content["statutory_days"] == 20
    assert row.content["committed_days"] == 10
    assert row.content["fees"] == ""  # 不收费 is kept as "free", i.e. empty
    assert row.materials == [
        MaterialSpec("食品经营许可申请书", MaterialForm.ORIGINAL, 1),
        MaterialSpec("营业执照", MaterialForm.COPY, 1, "市场监管部门"),
    ]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gb18030"])
def test_csv_in_utf8_with_or_without_bom_and_in_gb18030(department, encoding):
    data = spreadsheet([catalogue_row("SP-0001")], "csv", encoding=encoding)
    if encoding == "gb18030":
        with pytest.raises(UnicodeDecodeError):
            data.decode("utf-8")
    [row] = only_rows(data, "目录.CSV")
    assert row.content["name"] == "食品经营许可（SP-0001）"
    assert row.department == department
    assert [m.name for m in row.materials] == ["食品经营许可申请书", "营业执照"]


def test_english_field_names_are_accepted_as_headers(department):
    english = dict(zip(HEADERS, [column.field for column in catalogue_io.COLUMNS], strict=True))
    data = spreadsheet([catalogue_row("SP-0001")], rename=english)
    [row] = only_rows(data, "catalogue.xlsx")
    assert row.content["basis"].startswith("《中华人民共和国食品安全法》")


def test_title_rows_blank_rows_and_notes_in_headers_keep_the_row_numbers_of_excel(department):
    dataset = tablib.Dataset()
    dataset.append(["某某局政务服务事项目录", *[""] * (len(HEADERS) - 1)])
    dataset.append([h + "（工作日）" if h == "承诺时限" else h for h in HEADERS])
    dataset.append(list(catalogue_row("SP-0001").values()))
    dataset.append([""] * len(HEADERS))
    dataset.append(list(catalogue_row("SP-0002", 承诺时限="十天").values()))
    check = check_catalogue(dataset.export("xlsx"), "c.xlsx")
    assert [row.row for row in check.rows] == [3]
    assert [(e.row, e.column) for e in check.errors] == [(5, "承诺时限（工作日）")]


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        ({"承诺时限": "当场办结", "法定时限": ""}, {"committed_days": 0, "statutory_days": None}),
        ({"承诺时限": 0}, {"committed_days": 0}),
        ({"承诺时限": "5个工作日", "法定时限": "２０"}, {"committed_days": 5, "statutory_days": 20}),
        ({"收费标准": "每件 10 元"}, {"fees": "每件 10 元"}),
    ],
)
def test_days_and_fees_as_clerks_write_them(department, cells, expected):
    [row] = only_rows(spreadsheet([catalogue_row("SP-0001", **cells)]), "c.xlsx")
    assert {key: row.content[key] for key in expected} == expected


def test_published_and_material_defaults(department):
    rows = [
        catalogue_row(
            "SP-0001", 是否公示="否", 申请材料="身份证\n\n户口簿|原件和复印件|2份|公安机关|核验原件"
        ),
        catalogue_row("SP-0002", 是否公示="", 申请材料="授权委托书 | electronic"),
    ]
    first, second = only_rows(spreadsheet(rows), "c.xlsx")
    assert first.published is False
    assert first.materials == [
        MaterialSpec("身份证", MaterialForm.ORIGINAL, 1),
        MaterialSpec("户口簿", MaterialForm.ORIGINAL_AND_COPY, 2, "公安机关", "核验原件"),
    ]
    assert second.published is True
    assert second.materials == [MaterialSpec("授权委托书", MaterialForm.ELECTRONIC, 1)]


def test_a_missing_column_is_refused_before_any_row_is_checked(department):
    headers = [h for h in HEADERS if h != "承诺时限"]
    data = spreadsheet([catalogue_row("SP-0001", 所属科室="不存在的科")], headers=headers)
    with pytest.raises(CatalogueFileError) as error:
        check_catalogue(data, "c.xlsx")
    assert "承诺时限" in error.value.message
    assert "不存在的科" not in error.value.message


def test_a_column_given_twice_is_refused(department):
    data = spreadsheet([catalogue_row("SP-0001")], headers=[*HEADERS, "事项名称"])
    with pytest.raises(CatalogueFileError) as error:
        check_catalogue(data, "c.xlsx")
    assert "事项名称" in error.value.message


@pytest.mark.parametrize(
    ("data", "filename"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "photo.xlsx"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "photo.csv"),
        (b"PK\x03\x04 not really a zip", "broken.xlsx"),
        ("这只是一段文字，没有表头。\n第二行".encode(), "notes.csv"),
        (b"", "empty.csv"),
        ("事项编码,事项名称\n".encode(), "headers-only.csv"),
    ],
)
def test_a_file_that_is_not_a_catalogue_is_refused_with_a_message(db, data, filename):
    with pytest.raises(CatalogueFileError) as error:
        check_catalogue(data, filename)
    assert error.value.message


def test_headers_without_rows_are_refused(db):
    with pytest.raises(CatalogueFileError) as error:
        check_catalogue(spreadsheet([]), "c.xlsx")
    assert "no service items" in error.value.message


# --- Row errors --------------------------------------------------------------


def test_one_bad_row_in_200_gives_exactly_that_rows_message(department):
    rows = catalogue_rows(200)
    rows[10]["承诺时限"] = "十天"  # spreadsheet row 12: the header is row 1
    [error] = errors_of(rows)
    assert error == RowError(12, "承诺时限", "must be a whole number of working days, or 当场办结")
    assert str(error) == "Row 12, 承诺时限: must be a whole number of working days, or 当场办结"


def test_every_bad_row_is_reported_not_only_the_first(department):
    rows = catalogue_rows(5)
    rows[0]["事项名称"] = ""
    rows[2]["法定时限"] = "二十"
    rows[4]["办事依据"] = "  "
    assert [(e.row, e.column) for e in errors_of(rows)] == [(2, "事项名称"), (4, "法定时限"), (6, "办事依据")]


def test_a_code_used_twice_in_the_file(department):
    rows = catalogue_rows(3)
    rows[2]["事项编码"] = "SP-0001"
    [error] = errors_of(rows)
    assert (error.row, error.column) == (4, "事项编码")
    assert "SP-0001" in error.message and "row 2" in error.message


def test_committed_longer_than_statutory(department):
    [error] = errors_of([catalogue_row("SP-0001", 法定时限=5, 承诺时限=8)])
    assert (error.row, error.column) == (2, "承诺时限")
    assert "8" in error.message and "5" in error.message


def test_an_unknown_department(department):
    [error] = errors_of([catalogue_row("SP-0001", 所属科室="宣传科")])
    assert (error.row, error.column) == (2, "所属科室")
    assert "宣传科" in error.message


def test_a_department_by_its_code(department, other_department):
    [row] = only_rows(spreadsheet([catalogue_row("SP-0001", 所属科室="market")]), "c.xlsx")
    assert row.department == other_department


@pytest.mark.parametrize(
    ("materials", "words"),
    [
        ("营业执照|扫描件", "扫描件"),
        ("营业执照|原件|0", "from 1 to 999"),
        ("营业执照|原件|两份", "from 1 to 999"),
        ("营业执照|原件|40000", "from 1 to 999"),
        ("营业执照|原件|1|市场监管部门|核验|委托他人办理时提供|多余", "six parts"),
        ("|原件|1", "no material name"),
        ("营业执照\n营业执照|复印件", "listed twice"),
    ],
)
def test_bad_material_lines_are_named_by_their_line(department, materials, words):
    [error] = errors_of([catalogue_row("SP-0001", 申请材料=materials)])
    assert (error.row, error.column) == (2, "申请材料")
    assert words in error.message
    assert "line" in error.message


@pytest.mark.parametrize(
    ("column", "value"),
    [("是否公示", "也许"), ("事项编码", "X" * 33), ("事项名称", "名" * 201), ("承诺时限", 1000)],
)
def test_other_bad_values(department, column, value):
    [error] = errors_of([catalogue_row("SP-0001", **{column: value})])
    assert (error.row, error.column) == (2, column)


# --- Plan and apply ----------------------------------------------------------


def test_the_plan_says_new_changed_or_unchanged_and_what_changed(existing, department):
    rows = [
        catalogue_row("SP-0001", 承诺时限=7, 申请材料="食品经营许可申请书|原件|1"),
        catalogue_row("SP-0002"),
    ]
    plan = plan_import(only_rows(spreadsheet(rows), "c.xlsx"))
    assert [(row.source.code, row.status) for row in plan.rows] == [("SP-0001", CHANGED), ("SP-0002", NEW)]
    assert plan.rows[0].changed_fields == ["committed_days", "materials"]
    assert plan.rows[0].changed_columns == ["承诺时限", "申请材料"]
    assert plan.counts == {NEW: 1, CHANGED: 1, UNCHANGED: 0}
    assert plan.left_alone == 0
    assert ServiceItem.objects.count() == 1  # a plan writes nothing


def test_200_rows_become_200_items_with_their_materials(administrator, department):
    rows = only_rows(spreadsheet(catalogue_rows(200)), "c.xlsx")
    assert plan_import(rows).counts == {NEW: 200, CHANGED: 0, UNCHANGED: 0}
    import_catalogue(actor=administrator.user, rows=rows)
    assert ServiceItem.objects.count() == 200
    assert all(item.current.materials.count() == 2 for item in ServiceItem.objects.with_current()[:5])
    assert ServiceItemVersion.objects.filter(materials__isnull=True).count() == 0


def test_a_changed_row_makes_a_new_version_and_keeps_the_old(existing, administrator):
    first = existing.current
    rows = only_rows(spreadsheet([catalogue_row("SP-0001", 承诺时限=5)]), "c.xlsx")
    import_catalogue(actor=administrator.user, rows=rows, change_note="按新目录调整")
    existing.refresh_from_db()
    assert existing.current.number == 2
    assert existing.current.committed_days == 5
    assert existing.current.change_note == "按新目录调整"
    first = ServiceItemVersion.objects.get(pk=first.pk)
    assert first.committed_days == 10
    assert first.materials.count() == 2


def test_a_listing_change_alone_makes_no_version(existing, administrator, other_department):
    rows = only_rows(spreadsheet([catalogue_row("SP-0001", 是否公示="否", 所属科室="市场监管科")]), "c.xlsx")
    plan = import_catalogue(actor=administrator.user, rows=rows)
    assert plan.rows[0].status == CHANGED
    assert plan.rows[0].changed_fields == ["department", "published"]
    existing.refresh_from_db()
    assert (existing.published, existing.department, existing.current.number) == (False, other_department, 1)


def test_items_missing_from_the_file_are_left_alone(existing, administrator):
    rows = only_rows(spreadsheet([catalogue_row("SP-0002")]), "c.xlsx")
    plan = import_catalogue(actor=administrator.user, rows=rows)
    assert plan.left_alone == 1
    assert ServiceItem.objects.get(code="SP-0001").current.number == 1


def test_a_failure_half_way_writes_nothing(administrator, department, monkeypatch):
    rows = only_rows(spreadsheet(catalogue_rows(20)), "c.xlsx")
    real_create = catalogue_io.service_item_create
    calls = []

    def create_then_fail(**kwargs):
        calls.append(kwargs["code"])
        if len(calls) == 15:
            raise RuntimeError("disk full")
        return real_create(**kwargs)

    monkeypatch.setattr(catalogue_io, "service_item_create", create_then_fail)
    with pytest.raises(RuntimeError):
        import_catalogue(actor=administrator.user, rows=rows)
    assert ServiceItem.objects.count() == 0
    assert ServiceItemVersion.objects.count() == 0
    assert AuditEvent.objects.filter(verb="service_item.create").count() == 0


def test_a_plan_that_changed_since_the_preview_is_not_applied(existing, administrator):
    rows = only_rows(spreadsheet([catalogue_row("SP-0001", 承诺时限=5), catalogue_row("SP-0002")]), "c.xlsx")
    seen = plan_import(rows).fingerprint
    service_item_create(
        actor=administrator.user,
        code="SP-0002",
        department=existing.department,
        content={"name": "别人刚建的", "basis": "依据", "committed_days": 1},
        materials=[],
    )
    with pytest.raises(CatalogueChangedError):
        import_catalogue(actor=administrator.user, rows=rows, expected_fingerprint=seen)
    assert ServiceItem.objects.get(code="SP-0001").current.number == 1


@pytest.mark.parametrize("role", ["handler", "chief", "supervisor", "front_desk"])
def test_only_administrators_import(role, request, department):
    rows = only_rows(spreadsheet([catalogue_row("SP-0001")]), "c.xlsx")
    with pytest.raises(PermissionDenied):
        import_catalogue(actor=request.getfixturevalue(role).user, rows=rows)
    assert not ServiceItem.objects.exists()


# --- Writing -----------------------------------------------------------------


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_an_export_imports_again_as_unchanged(administrator, department, other_department, file_format):
    rows = catalogue_rows(30)
    rows[0].update(承诺时限="当场办结", 法定时限="")
    rows[1].update(是否公示="否", 所属科室="market", 收费标准="每件 10 元")
    rows[2].update(申请材料="")
    rows[3].update(申请材料="身份证|原件和复印件|2||核验原件\n照片|电子版")
    rows[4].update(办理流程="申请\n受理\n决定")
    import_catalogue(actor=administrator.user, rows=only_rows(spreadsheet(rows), "c.xlsx"))

    exported = export_catalogue(file_format)
    plan = plan_import(only_rows(exported, f"export.{file_format}"))
    assert plan.counts == {NEW: 0, CHANGED: 0, UNCHANGED: 30}
    import_catalogue(actor=administrator.user, rows=only_rows(exported, f"export.{file_format}"))
    assert ServiceItemVersion.objects.count() == 30


def test_the_export_holds_the_current_version_in_the_files_columns(existing, administrator):
    import_catalogue(
        actor=administrator.user,
        rows=only_rows(spreadsheet([catalogue_row("SP-0001", 承诺时限="当场办结")]), "c.xlsx"),
    )
    dataset = tablib.Dataset().load(export_catalogue("xlsx"), format="xlsx")
    assert dataset.headers == HEADERS
    [row] = dataset.dict
    assert row["承诺时限"] == "当场办结"
    assert row["所属科室"] == "行政审批科"
    assert row["申请材料"] == "食品经营许可申请书|原件|1\n营业执照|复印件|1|市场监管部门"


def test_the_csv_export_opens_in_excel_as_utf8(existing):
    assert export_catalogue("csv").startswith("\ufeff事项编码,事项名称".encode())


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_the_template_has_the_headers_and_an_example_row_that_imports(department, file_format):
    template = catalogue_template(file_format)
    check = check_catalogue(template, f"template.{file_format}")
    assert check.errors == []
    assert [row.department for row in check.rows] == [department]
    assert plan_import(check.rows).counts[NEW] == 1


def test_the_workbook_template_explains_every_column(db):
    book = tablib.Databook().load(catalogue_template("xlsx"), format="xlsx")
    guide = book.sheets()[1]
    assert [row[0] for row in guide] == HEADERS


def test_control_characters_pasted_from_word_do_not_break_the_export(administrator, department):
    rows = only_rows(spreadsheet([catalogue_row("SP-0001", 办理流程="申请\x0b受理")], "csv"), "c.csv")
    assert rows[0].content["procedure"] == "申请受理"
    import_catalogue(actor=administrator.user, rows=rows)
    assert export_catalogue("xlsx")
