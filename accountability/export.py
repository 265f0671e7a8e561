"""The bureau report as a spreadsheet (rule 7), .xlsx or .csv, with the report's filters.

Each row is a record with its card, state and decision in force, and the
thresholds its person crossed in the record's year; the workbook adds a
sheet of the crossings per person. A record carries no contact details, and
the export adds none: no phone number leaves the building in it."""

import io

import tablib
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from accountability.selectors_report import crossings

FORMATS = ("xlsx", "csv")


def _moment(value) -> str:
    return f"{timezone.localtime(value):%Y-%m-%d %H:%M}" if value else ""


def _day(value) -> str:
    return f"{value:%Y-%m-%d}" if value else ""


def _columns(crossed):
    decision = lambda r: r.decision if r.decision_id else None  # noqa: E731
    return (
        (_("Record number"), lambda r: r.number),
        (_("Source"), lambda r: r.get_source_display()),
        (_("About"), lambda r: r.reference),
        (_("What happened"), lambda r: r.summary),
        (_("Section"), lambda r: r.department.name),
        (_("Staff member responsible"), lambda r: r.staff.name if r.staff_id else ""),
        (_("Occurred on"), lambda r: _day(r.occurred_on)),
        (_("Card"), lambda r: r.get_card_display() or _("Card withdrawn")),
        (_("Status"), lambda r: r.get_status_display()),
        (_("Explanation due"), lambda r: _day(r.explain_due)),
        (_("Explained at"), lambda r: _moment(r.explained_at)),
        (_("Outcome"), lambda r: decision(r).outcome_label if decision(r) else ""),
        (_("Findings"), lambda r: decision(r).findings if decision(r) else ""),
        (_("Decided at"), lambda r: _moment(decision(r).decided_at) if decision(r) else ""),
        (_("Acknowledged at"), lambda r: _moment(decision(r).acknowledged_at) if decision(r) else ""),
        (
            _("Thresholds crossed by the person that year"),
            lambda r: "；".join(
                row.get_threshold_display() for row in crossed.get((r.staff_id, r.occurred_on.year), [])
            ),
        ),
    )


def _text(value) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))


def _csv_cell(value: str) -> str:
    # A spreadsheet opening the CSV would run a cell that begins so as a formula.
    return f"'{value}" if value[:1] in ("=", "+", "@", "\t", "\r") else value


def report_dataset(records) -> tuple[tablib.Dataset, dict]:
    records = list(records)
    crossed = crossings({r.staff_id for r in records if r.staff_id}, {r.occurred_on.year for r in records})
    columns = _columns(crossed)
    dataset = tablib.Dataset(headers=[str(header) for header, _value in columns], title=_("Records"))
    for record in records:
        dataset.append([_text(value(record)) for _header, value in columns])
    return dataset, crossed


def crossings_dataset(crossed, people) -> tablib.Dataset:
    dataset = tablib.Dataset(
        headers=[
            _("Staff member"),
            _("Section"),
            _("Year"),
            _("Threshold"),
            _("Count"),
            _("Limit"),
            _("Crossed at"),
        ],
        title=_("Thresholds crossed"),
    )
    for (staff_id, year), rows in sorted(crossed.items()):
        person = people[staff_id]
        for row in rows:
            dataset.append(
                [
                    person.name,
                    person.department.name,
                    str(year),
                    str(row.get_threshold_display()),
                    str(row.count),
                    str(row.limit),
                    _moment(row.at),
                ]
            )
    return dataset


def _workbook(datasets) -> bytes:
    """Every cell text as written: one that begins with "=" stays text, never
    a formula run when the file is opened."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for dataset in datasets:
        sheet = workbook.create_sheet(str(dataset.title))
        sheet.append(dataset.headers)
        for values in dataset:
            sheet.append(list(values))
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                cell.data_type = "s"
        sheet.freeze_panes = "A2"
        for column in sheet.columns:
            sheet.column_dimensions[column[0].column_letter].width = 20
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def report_export(records, file_format: str) -> bytes:
    """The rows as ``file_format``: a workbook of two sheets, or one CSV."""
    records = list(records)
    dataset, crossed = report_dataset(records)
    if file_format == "csv":
        safe = tablib.Dataset(headers=dataset.headers)
        for values in dataset:
            safe.append([_csv_cell(value) for value in values])
        # With the BOM, Excel opens the Chinese text as UTF-8 instead of guessing GBK.
        return safe.export("csv").encode("utf-8-sig")
    people = {r.staff_id: r.staff for r in records if r.staff_id}
    return _workbook([dataset, crossings_dataset(crossed, people)])
