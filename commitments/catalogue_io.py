"""The service catalogue as a spreadsheet (.xlsx or .csv): import, export, template.

Bureaus keep their catalogue in Chinese Excel, so the file's column headers
are Chinese (the English field names are accepted as well). An import is
checked whole before anything is written: every row is validated and every
problem reported with its spreadsheet row and column; only a file without a
single problem becomes a plan (new / changed / unchanged per row), and the
plan is applied through ``commitments.services`` in one transaction.
"""

import datetime
import hashlib
import json
import re
from dataclasses import dataclass, field

import tablib
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from commitments.models import MaterialForm, ServiceItem
from commitments.services import (
    KEEP,
    MATERIAL_FIELDS,
    VERSION_FIELDS,
    MaterialSpec,
    changed_version_fields,
    service_item_create,
    service_item_edit,
    validate_content,
    version_content,
    version_differs,
)
from org.models import Department, Post

FORMATS = ("xlsx", "csv")
MAX_ROWS = 5000
MAX_DAYS = 999
MAX_COPIES = 999
# The header row may sit under a title row or two ("某某局政务服务事项目录").
HEADER_SEARCH_ROWS = 10


@dataclass(frozen=True)
class Column:
    field: str
    header: str
    required: bool
    help: str
    max_length: int | None = None


COLUMNS = [
    Column("code", "事项编码", True, gettext_lazy("Unique code of the item."), 32),
    Column("name", "事项名称", True, gettext_lazy("Name of the service."), 200),
    Column("department", "所属科室", True, gettext_lazy("The section's name or code, as in the directory.")),
    Column(
        "post",
        "责任岗位",
        False,
        gettext_lazy(
            "The name of the post (岗位) of the item's section that answers for it; empty for none. "
            "A file without this column leaves each item's post as it is."
        ),
    ),
    Column("basis", "办事依据", True, gettext_lazy("Laws and regulations the service rests on.")),
    Column("conditions", "办理条件", False, gettext_lazy("Who may apply and on what conditions.")),
    Column("procedure", "办理流程", False, gettext_lazy("The steps of the procedure.")),
    Column(
        "statutory_days",
        "法定时限",
        False,
        gettext_lazy("Whole working days; leave empty when the law sets none."),
    ),
    Column(
        "committed_days",
        "承诺时限",
        True,
        gettext_lazy(
            "Whole working days, no longer than the statutory limit; 0 or 当场办结 for on the spot."
        ),
    ),
    Column("fees", "收费标准", False, gettext_lazy("Leave empty or write 不收费 when the service is free.")),
    Column("fee_basis", "收费依据", False, gettext_lazy("The basis of the fees.")),
    Column("service_standard", "服务标准", False, gettext_lazy("The service standard promised.")),
    Column("place", "办理地点", False, gettext_lazy("Where to apply."), 200),
    Column("hours", "办理时间", False, gettext_lazy("When to apply."), 200),
    Column("consult_channel", "咨询方式", False, gettext_lazy("Phone or window for questions."), 200),
    Column("complaint_channel", "投诉方式", False, gettext_lazy("Phone or address for complaints."), 200),
    Column("published", "是否公示", False, gettext_lazy("是 or 否; empty means 是.")),
    Column(
        "materials",
        "申请材料",
        False,
        gettext_lazy(
            "One material per line: 名称|形式|份数|出具单位或获取方式|备注|提供条件. 形式 is 原件, 复印件, "
            "原件和复印件 or 电子版 (default 原件); 份数 a whole number (default 1); 提供条件 only for a "
            "material not every applicant provides, e.g. 委托他人办理时提供."
        ),
    ),
]
COLUMN_BY_FIELD = {column.field: column for column in COLUMNS}
# Columns added after bureaus had files of their own: a file may leave them out.
LATER_COLUMNS = {"post"}
MATERIAL_FIELD_MAX_LENGTH = {"name": 200, "source": 200, "notes": 300, "condition": 200}

FORM_HEADERS = {
    MaterialForm.ORIGINAL: "原件",
    MaterialForm.COPY: "复印件",
    MaterialForm.ORIGINAL_AND_COPY: "原件和复印件",
    MaterialForm.ELECTRONIC: "电子版",
}
_FORM_WORDS = {
    **{word: form for form, word in FORM_HEADERS.items()},
    **{form.value: form for form in MaterialForm},
    "原件及复印件": MaterialForm.ORIGINAL_AND_COPY,
    "原件、复印件": MaterialForm.ORIGINAL_AND_COPY,
    "电子件": MaterialForm.ELECTRONIC,
}
ON_THE_SPOT = "当场办结"
_ON_THE_SPOT_WORDS = {ON_THE_SPOT, "当场", "即办"}
_FREE_WORDS = {"不收费", "免费", "无"}
_YES = {"是", "yes", "y", "true", "1", "公示"}
_NO = {"否", "no", "n", "false", "0", "不公示"}
_DAYS = re.compile(r"^(\d+)\s*(?:个?工作日)?$")
_COPIES = re.compile(r"^(\d+)\s*份?$")
_HEADER_NOTE = re.compile(r"[（(].*[)）]$")  # 承诺时限（工作日） is still 承诺时限


class CatalogueFileError(Exception):
    """The file as a whole cannot be read as a catalogue (before any row is checked)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class CatalogueChangedError(Exception):
    """The catalogue changed between the preview and the confirmation."""


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def __str__(self):
        return _("Row %(row)s, %(column)s: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


@dataclass
class CatalogueRow:
    """One valid row of a catalogue file."""

    row: int
    code: str
    department: Department
    published: bool
    content: dict
    materials: list[MaterialSpec]
    # The responsible post: a Post, None for none, KEEP when the file has no such column.
    post: object = KEEP


@dataclass
class CatalogueCheck:
    rows: list[CatalogueRow]
    errors: list[RowError]
    ignored_columns: list[str]

    @property
    def valid(self) -> bool:
        return not self.errors


def free_of_charge(fees: str) -> str:
    """Empty and 不收费 both say the service is free; the catalogue keeps the empty one."""
    return "" if fees.strip() in _FREE_WORDS else fees


def clean_text(value: str) -> str:
    """One kind of line break, and none of the control characters Word pastes and Excel refuses."""
    return ILLEGAL_CHARACTERS_RE.sub("", value.replace("\r\n", "\n").replace("\r", "\n")).strip()


# --- Reading ---------------------------------------------------------------


def extension_of(filename: str) -> str:
    return filename.rsplit(".", 1)[-1].lower() if "." in filename else ""


def _decode_csv(data: bytes) -> str:
    if b"\x00" in data:
        raise CatalogueFileError(_("This is not a CSV text file."))
    # Excel saves "CSV UTF-8" with a BOM, and plain "CSV" in the system's
    # code page, which on a Chinese Windows is GBK (a subset of GB18030).
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise CatalogueFileError(_("The CSV file is neither UTF-8 nor GB18030 text. Save it again from Excel."))


def _load_table(data: bytes, extension: str) -> tablib.Dataset:
    if extension == "xlsx":
        if not data.startswith(b"PK\x03\x04"):
            raise CatalogueFileError(_("This is not an Excel (.xlsx) workbook."))
        try:
            return tablib.Dataset().load(data, format="xlsx", headers=False)
        except Exception:  # openpyxl raises many kinds of error for a damaged workbook
            raise CatalogueFileError(
                _("The workbook could not be read. Open it in Excel, save it as .xlsx and try again.")
            ) from None
    if extension == "csv":
        text = _decode_csv(data)
        try:
            return tablib.Dataset().load(text, format="csv", headers=False)
        except tablib.InvalidDimensions:
            raise CatalogueFileError(
                _("Some rows have more cells than the first row. Delete the cells right of the last column.")
            ) from None
        except Exception:
            raise CatalogueFileError(_("The CSV file could not be read.")) from None
    raise CatalogueFileError(_("Upload an .xlsx or .csv file."))


def _header_key(value) -> str:
    text = str(value or "").strip().strip("*＊").strip()
    return _HEADER_NOTE.sub("", text).strip().lower()


_HEADER_ALIASES = {
    **{_header_key(column.header): column.field for column in COLUMNS},
    **{_header_key(column.field): column.field for column in COLUMNS},
}


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    elif isinstance(value, datetime.datetime | datetime.date | datetime.time):
        value = value.isoformat()
    return clean_text(str(value))


def _find_header(table) -> tuple[int, dict[str, int], dict[str, str], list[str]]:
    """(index of the header row, field -> column index, field -> header as written, ignored headers)."""
    header_index = None
    for index in range(min(table.height, HEADER_SEARCH_ROWS)):
        cells = table[index]
        known = [_HEADER_ALIASES.get(_header_key(cell)) for cell in cells]
        if sum(1 for field_name in known if field_name) >= 3:
            header_index = index
            break
    if header_index is None:
        raise CatalogueFileError(
            _("The first row must hold the column headers (%(headers)s). Download the template to see them.")
            % {"headers": "、".join(column.header for column in COLUMNS)}
        )
    positions: dict[str, int] = {}
    written: dict[str, str] = {}
    ignored = []
    for position, (cell, field_name) in enumerate(zip(cells, known, strict=True)):
        if field_name is None:
            if _cell_text(cell):
                ignored.append(_cell_text(cell))
            continue
        if field_name in positions:
            raise CatalogueFileError(
                _("The column %(column)s appears twice.") % {"column": COLUMN_BY_FIELD[field_name].header}
            )
        positions[field_name] = position
        written[field_name] = _cell_text(cell)
    missing = [
        column.header
        for column in COLUMNS
        if column.field not in positions and column.field not in LATER_COLUMNS
    ]
    if missing:
        raise CatalogueFileError(
            _("The file has no column %(columns)s. Add it (see the template) and upload the file again.")
            % {"columns": "、".join(missing)}
        )
    return header_index, positions, written, ignored


class _RowReader:
    """Reads one row's cells, collecting every problem instead of stopping at the first."""

    def __init__(self, number: int, cells, positions: dict[str, int], headers: dict[str, str]):
        self.number = number
        self.cells = cells
        self.positions = positions
        self.headers = headers
        self.errors: list[RowError] = []

    def error(self, field_name: str, message: str) -> None:
        self.errors.append(RowError(self.number, self.headers.get(field_name, field_name), message))

    def raw(self, field_name: str):
        return self.cells[self.positions[field_name]]

    def text(self, field_name: str) -> str:
        value = _cell_text(self.raw(field_name))
        column = COLUMN_BY_FIELD[field_name]
        if not value and column.required:
            self.error(field_name, _("must not be empty"))
        elif column.max_length and len(value) > column.max_length:
            self.error(
                field_name,
                _("is too long: at most %(max)s characters, this has %(length)s")
                % {"max": column.max_length, "length": len(value)},
            )
        return value

    def days(self, field_name: str) -> int | None:
        value = _cell_text(self.raw(field_name))
        if field_name == "statutory_days" and value in ("无", ""):
            return None
        if not value:
            self.error(field_name, _("must not be empty"))
            return None
        if value in _ON_THE_SPOT_WORDS:
            return 0
        match = _DAYS.match(value)
        if match is None:
            if field_name == "committed_days":
                self.error(
                    field_name,
                    _("must be a whole number of working days, or %(on_the_spot)s")
                    % {"on_the_spot": ON_THE_SPOT},
                )
            else:
                self.error(
                    field_name, _("must be a whole number of working days, or empty when the law sets none")
                )
            return None
        days = int(match.group(1))
        if days > MAX_DAYS:
            self.error(field_name, _("must be at most %(max)s working days") % {"max": MAX_DAYS})
            return None
        return days

    def flag(self, field_name: str) -> bool:
        value = _cell_text(self.raw(field_name)).lower()
        if not value or value in _YES:
            return True
        if value in _NO:
            return False
        self.error(field_name, _("must be 是 or 否"))
        return True

    def department(self, departments: dict[str, Department]) -> Department | None:
        value = self.text("department")
        if not value:
            return None
        found = departments.get(value) or departments.get(value.lower())
        if found is None:
            self.error("department", _("there is no section named or coded “%(value)s”") % {"value": value})
        return found

    def post(self, posts: dict[tuple[int, str], Post], department: Department | None):
        if "post" not in self.positions:
            return KEEP
        value = self.text("post")
        if not value or department is None:
            return None
        found = posts.get((department.pk, value))
        if found is None:
            self.error(
                "post",
                _("%(section)s has no post named “%(value)s”") % {"section": department.name, "value": value},
            )
        return found

    def materials(self) -> list[MaterialSpec]:
        lines = [line.strip() for line in _cell_text(self.raw("materials")).split("\n")]
        specs = []
        seen = set()
        for number, line in enumerate((line for line in lines if line), start=1):
            parts = [part.strip() for part in re.split(r"[|｜]", line)]
            if len(parts) > len(MATERIAL_FIELDS):
                self.error(
                    "materials",
                    _(
                        "line %(line)s has more than six parts "
                        "(名称|形式|份数|出具单位或获取方式|备注|提供条件)"
                    )
                    % {"line": number},
                )
                continue
            parts += [""] * (len(MATERIAL_FIELDS) - len(parts))
            name, form_word, copies_text, source, notes, condition = parts
            problems = []
            if not name:
                problems.append(_("line %(line)s has no material name") % {"line": number})
            elif name in seen:
                problems.append(
                    _("line %(line)s: “%(name)s” is listed twice") % {"line": number, "name": name}
                )
            form = _FORM_WORDS.get(form_word) or _FORM_WORDS.get(form_word.lower())
            if form_word and form is None:
                problems.append(
                    _("line %(line)s: “%(value)s” is not a form; write 原件, 复印件, 原件和复印件 or 电子版")
                    % {"line": number, "value": form_word}
                )
            copies_match = _COPIES.match(copies_text) if copies_text else None
            if copies_text and (copies_match is None or not 1 <= int(copies_match.group(1)) <= MAX_COPIES):
                problems.append(
                    _("line %(line)s: the number of copies must be a whole number from 1 to %(max)s")
                    % {"line": number, "max": MAX_COPIES}
                )
            for part_name, value in (
                ("name", name),
                ("source", source),
                ("notes", notes),
                ("condition", condition),
            ):
                limit = MATERIAL_FIELD_MAX_LENGTH[part_name]
                if len(value) > limit:
                    problems.append(
                        _("line %(line)s is too long: at most %(max)s characters a part")
                        % {"line": number, "max": limit}
                    )
                    break
            for problem in problems:
                self.error("materials", problem)
            seen.add(name)
            if not problems:
                specs.append(
                    MaterialSpec(
                        name=name,
                        form=form or MaterialForm.ORIGINAL,
                        copies=int(copies_match.group(1)) if copies_match else 1,
                        source=source,
                        notes=notes,
                        condition=condition,
                    )
                )
        return specs


def check_catalogue(data: bytes, filename: str) -> CatalogueCheck:
    """Read and validate a whole catalogue file; raise CatalogueFileError when it is not one."""
    table = _load_table(data, extension_of(filename))
    header_index, positions, headers, ignored = _find_header(table)
    all_departments = list(Department.objects.all())
    # A name wins over a code that happens to read the same.
    departments = {d.code.lower(): d for d in all_departments} | {d.name: d for d in all_departments}
    posts = {(post.department_id, post.name): post for post in Post.objects.all()}

    rows: list[CatalogueRow] = []
    errors: list[RowError] = []
    first_row_of_code: dict[str, int] = {}
    data_rows = 0
    for index in range(header_index + 1, table.height):
        cells = table[index]
        if not any(_cell_text(cells[position]) for position in positions.values()):
            continue
        data_rows += 1
        if data_rows > MAX_ROWS:
            raise CatalogueFileError(
                _("The file has more than %(max)s service items. Split it into smaller files.")
                % {"max": MAX_ROWS}
            )
        reader = _RowReader(index + 1, cells, positions, headers)
        code = reader.text("code")
        if code in first_row_of_code:
            reader.error(
                "code",
                _("the code %(code)s is already used in row %(row)s")
                % {"code": code, "row": first_row_of_code[code]},
            )
        elif code:
            first_row_of_code[code] = reader.number
        department = reader.department(departments)
        post = reader.post(posts, department)
        content = {
            "name": reader.text("name"),
            "basis": reader.text("basis"),
            "conditions": reader.text("conditions"),
            "procedure": reader.text("procedure"),
            "statutory_days": reader.days("statutory_days"),
            "committed_days": reader.days("committed_days"),
            "fees": free_of_charge(reader.text("fees")),
            "fee_basis": reader.text("fee_basis"),
            "service_standard": reader.text("service_standard"),
            "place": reader.text("place"),
            "hours": reader.text("hours"),
            "consult_channel": reader.text("consult_channel"),
            "complaint_channel": reader.text("complaint_channel"),
        }
        published = reader.flag("published")
        materials = reader.materials()
        if not reader.errors:
            # The services' own rules (e.g. committed within statutory), in the file's words.
            try:
                validate_content(content, materials)
            except ValidationError as error:
                for field_name, messages in error.message_dict.items():
                    for message in messages:
                        reader.error(field_name, message)
        errors.extend(reader.errors)
        if not reader.errors:
            rows.append(CatalogueRow(reader.number, code, department, published, content, materials, post))
    if not data_rows:
        raise CatalogueFileError(_("The file has no service items under the header row."))
    return CatalogueCheck(rows=rows, errors=errors, ignored_columns=ignored)


# --- Planning and applying -------------------------------------------------

NEW = "new"
CHANGED = "changed"
UNCHANGED = "unchanged"


@dataclass
class PlannedRow:
    source: CatalogueRow
    status: str
    item: ServiceItem | None = None
    changed_fields: list[str] = field(default_factory=list)
    new_version: bool = False

    @property
    def changed_columns(self) -> list[str]:
        return [COLUMN_BY_FIELD[name].header for name in self.changed_fields]


@dataclass
class ImportPlan:
    rows: list[PlannedRow]
    left_alone: int

    def count(self, status: str) -> int:
        return sum(1 for row in self.rows if row.status == status)

    @property
    def counts(self) -> dict[str, int]:
        return {status: self.count(status) for status in (NEW, CHANGED, UNCHANGED)}

    @property
    def fingerprint(self) -> str:
        """Names the plan the administrator saw, so a confirmation applies no other."""
        summary = [[row.source.code, row.status, row.changed_fields] for row in self.rows]
        return hashlib.sha256(json.dumps([summary, self.left_alone]).encode()).hexdigest()


def plan_import(rows: list[CatalogueRow]) -> ImportPlan:
    codes = [row.code for row in rows]
    existing = {
        item.code: item
        for item in ServiceItem.objects.filter(code__in=codes)
        .select_related("department", "current")
        .prefetch_related("current__materials")
    }
    planned = []
    for row in rows:
        item = existing.get(row.code)
        if item is None:
            planned.append(PlannedRow(row, NEW, new_version=True))
            continue
        if item.current is None:
            fields, new_version = [*VERSION_FIELDS, "materials"], True
        else:
            fields = changed_version_fields(item.current, row.content, row.materials)
            new_version = version_differs(item.current, row.content, row.materials)
        if item.department_id != row.department.pk:
            fields.insert(0, "department")
        if row.post is not KEEP and item.post_id != (row.post.pk if row.post else None):
            fields.insert(1 if fields[:1] == ["department"] else 0, "post")
        if item.published != row.published:
            fields.append("published")
        status = CHANGED if fields else UNCHANGED
        planned.append(PlannedRow(row, status, item, fields, new_version))
    return ImportPlan(rows=planned, left_alone=ServiceItem.objects.count() - len(existing))


def import_catalogue(
    *, actor, rows: list[CatalogueRow], change_note: str = "", expected_fingerprint: str | None = None
) -> ImportPlan:
    """Apply a checked file: all of it, in one transaction, or nothing.

    With ``expected_fingerprint``, refuse (CatalogueChangedError) when the
    plan is no longer the one the administrator confirmed.
    """
    if not actor.has_perm("commitments.manage_catalogue"):
        raise PermissionDenied
    with transaction.atomic():
        plan = plan_import(rows)
        if expected_fingerprint is not None and plan.fingerprint != expected_fingerprint:
            raise CatalogueChangedError
        for row in plan.rows:
            source = row.source
            if row.status == NEW:
                service_item_create(
                    actor=actor,
                    code=source.code,
                    department=source.department,
                    content=source.content,
                    materials=source.materials,
                    published=source.published,
                    post=None if source.post is KEEP else source.post,
                )
            elif row.status == CHANGED:
                service_item_edit(
                    actor=actor,
                    item=row.item,
                    department=source.department,
                    published=source.published,
                    content=source.content,
                    materials=source.materials,
                    change_note=change_note,
                    post=source.post,
                )
    return plan


# --- Writing ---------------------------------------------------------------


def material_line(spec) -> str:
    parts = [
        spec.name,
        FORM_HEADERS[MaterialForm(spec.form)],
        str(spec.copies),
        spec.source,
        spec.notes,
        spec.condition,
    ]
    while parts[-1] == "":
        parts.pop()
    return "|".join(parts)


def _row_values(
    *, code: str, department: str, published: bool, content: dict, materials, post: str = ""
) -> list:
    statutory = content["statutory_days"]
    committed = content["committed_days"]
    values = {
        "code": code,
        "department": department,
        "post": post,
        **content,
        "statutory_days": "" if statutory is None else statutory,
        "committed_days": ON_THE_SPOT if committed == 0 else committed,
        "published": "是" if published else "否",
        "materials": "\n".join(material_line(spec) for spec in materials),
    }
    return [values[column.field] for column in COLUMNS]


def _dataset(title: str) -> tablib.Dataset:
    return tablib.Dataset(headers=[column.header for column in COLUMNS], title=title)


def _as_bytes(dataset: tablib.Dataset, file_format: str) -> bytes:
    if file_format == "xlsx":
        return dataset.export("xlsx", column_width=22)
    # With the BOM, Excel opens the Chinese text as UTF-8 instead of guessing GBK.
    return dataset.export("csv").encode("utf-8-sig")


def export_catalogue(file_format: str) -> bytes:
    """Every item as its current version says, in the import's own columns."""
    items = (
        ServiceItem.objects.filter(current__isnull=False)
        .select_related("department", "current", "post")
        .prefetch_related("current__materials")
        .order_by("department__order", "department__code", "code")
    )
    dataset = _dataset("服务事项")
    for item in items:
        content, materials = version_content(item.current)
        dataset.append(
            _row_values(
                code=item.code,
                department=item.department.name,
                post=item.post.name if item.post else "",
                published=item.published,
                content=content,
                materials=materials,
            )
        )
    return _as_bytes(dataset, file_format)


def catalogue_template(file_format: str) -> bytes:
    """The headers and one example row; the workbook adds a sheet explaining each column."""
    department = Department.objects.order_by("order", "code").first()
    dataset = _dataset("服务事项")
    dataset.append(
        _row_values(
            code="XK-0001",
            department=department.name if department else "行政审批科",
            published=True,
            content={
                "name": "食品经营许可（新办）",
                "basis": "《中华人民共和国食品安全法》第三十五条",
                "conditions": "有与经营的食品品种、数量相适应的经营场所",
                "procedure": "申请—受理—审查—决定—发证",
                "statutory_days": 20,
                "committed_days": 10,
                "fees": "",
                "fee_basis": "",
                "service_standard": "一次告知，限时办结",
                "place": "政务服务中心二楼 8 号窗口",
                "hours": "工作日 9:00–12:00，13:30–17:00",
                "consult_channel": "0531-12345678",
                "complaint_channel": "12345 政务服务热线",
            },
            materials=[
                MaterialSpec("食品经营许可申请书", MaterialForm.ORIGINAL, 1),
                MaterialSpec("营业执照", MaterialForm.COPY, 1, "市场监管部门", "核验原件"),
                MaterialSpec(
                    "授权委托书", MaterialForm.ORIGINAL, 1, "申请人出具", condition="委托他人办理时提供"
                ),
            ],
        )
    )
    if file_format == "csv":
        return _as_bytes(dataset, file_format)
    guide = tablib.Dataset(headers=[_("Column"), _("Required"), _("How to fill it in")], title="填写说明")
    for column in COLUMNS:
        guide.append([column.header, "是" if column.required else "否", str(column.help)])
    return tablib.Databook([dataset, guide]).export("xlsx")
