# ruff: noqa: F811  (the records fixture is imported, then asked for by name)
"""The bureau report (/accountability/records/) and its export (.xlsx, .csv):
every section's records for supervisors, a chief's own section; filters,
counts per section, paging; the export has the same rows, the thresholds
each person crossed, and no phone number."""

import io
import re

import pytest
import tablib
import time_machine
from openpyxl import load_workbook

from tests.accountability.conftest import at
from tests.accountability.records_made import make_record, records  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

URL = "/accountability/records/"
XLSX = "/accountability/records/export.xlsx"
CSV = "/accountability/records/export.csv"


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(at(2026, 12, 21), tick=False):
        yield


def numbers(page):
    return {line.split('"')[1] for line in page.split("data-record=")[1:]}


def test_the_supervisor_sees_every_section_counted(login, supervisor, records, department, other_department):
    page = login(supervisor).get(URL).content.decode()
    assert numbers(page) == {r.number for r in records.values()}
    assert 'id="results" data-list-total="6"' in page
    assert f'data-section="{department.pk}" data-total="5"' in page
    assert f'data-section="{other_department.pk}" data-total="1"' in page


def test_a_chief_sees_their_section_only(login, chief, records):
    page = login(chief).get(URL).content.decode()
    assert records["elsewhere"].number not in numbers(page) and len(numbers(page)) == 5
    assert 'name="department"' not in page


def test_the_filters_narrow_the_list(login, supervisor, handler, records, other_department):
    client = login(supervisor)
    assert numbers(client.get(URL, {"outcome": "warning"}).content.decode()) == {records["decided"].number}
    assert numbers(client.get(URL, {"card": "red"}).content.decode()) == {records["red"].number}
    assert numbers(client.get(URL, {"department": other_department.pk}).content.decode()) == {
        records["elsewhere"].number
    }
    assert len(numbers(client.get(URL, {"staff": handler.pk, "outcome": "undecided"}).content.decode())) == 4
    assert numbers(client.get(URL, {"year": 2025}).content.decode()) == set()
    assert numbers(client.get(URL, {"source": "breach"}).content.decode()) == set()
    late = make_record(handler, on=at(2026, 11, 3).date())
    period = client.get(URL, {"occurred_from": "2026-11-01", "occurred_to": "2026-11-30"}).content.decode()
    assert numbers(period) == {late.number}


def test_the_workbook_has_the_filtered_rows_and_the_crossings(login, supervisor, handler, records):
    response = login(supervisor).get(XLSX, {"staff": handler.pk})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(response.content))
    rows, crossed = (list(sheet.values) for sheet in workbook.worksheets)
    assert {row[0] for row in rows[1:]} == {r.number for k, r in records.items() if k != "elsewhere"}
    assert any(handler.name in row and "2026" in row for row in crossed[1:])
    assert not re.search(rb"1[3-9]\d{9}", response.content)


def test_the_csv_has_the_same_rows_and_no_phone(login, supervisor, records):
    response = login(supervisor).get(CSV, {"card": "red"})
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    dataset = tablib.Dataset().load(text, format="csv")
    assert [row[0] for row in dataset] == [records["red"].number]
    assert not re.search(r"1[3-9]\d{9}", text)


def test_a_chiefs_export_is_their_section(login, chief, records):
    text = login(chief).get(CSV).content.decode("utf-8-sig")
    assert records["elsewhere"].number not in text and records["new"].number in text


def test_wrong_methods_anonymous_and_roles(login, supervisor, handler, client):
    for path in (URL, XLSX, CSV):
        response = client.get(path)
        assert response.status_code == 302 and "/login/" in response["Location"]
    for path in (URL, XLSX, CSV):
        assert login(handler).get(path).status_code == 403
        assert login(supervisor).post(path).status_code == 405
    assert login(supervisor).get("/accountability/records/export.pdf").status_code == 404


def test_the_report_takes_a_bounded_number_of_queries(
    login, supervisor, records, django_assert_max_num_queries
):
    client = login(supervisor)
    with django_assert_max_num_queries(20):
        assert client.get(URL).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(XLSX).status_code == 200


def test_the_report_names_who_crossed_a_threshold_in_the_year(
    login, supervisor, chief, other_chief, handler, records
):
    page = login(supervisor).get(URL).content.decode()
    crossed = page.split('data-testid="thresholds-crossed"')[1].split("</section>")[0]
    assert handler.name in crossed and "不得评为年度优秀" in crossed
    assert f"/accountability/staff/{handler.pk}/2026/" in crossed
    assert handler.name in login(chief).get(URL).content.decode().split('data-testid="thresholds-crossed"')[1]
    elsewhere = login(other_chief).get(URL).content.decode().split('data-testid="thresholds-crossed"')[1]
    assert 'data-testid="crossed-row"' not in elsewhere.split("</section>")[0]
    earlier = login(supervisor).get(URL, {"year": 2025}).content.decode()
    assert 'data-testid="crossed-row"' not in earlier
