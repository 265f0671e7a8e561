# ruff: noqa: F811  (fixtures imported, then asked for by name)
"""The ranking tables as a workbook (/evaluation/export.xlsx): a sheet of
sections and one of staff, with the dashboard's filters and scope; a bold
header kept in view, set column widths, rates as percentages."""

import io

import pytest
import time_machine
from openpyxl import load_workbook

from tests.evaluation.conftest import at
from tests.evaluation.test_figures import bureau  # noqa: F401  (fixture)
from tests.inquiries.conftest import log_inquiry  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

URL = "/evaluation/export.xlsx"


@pytest.fixture(autouse=True)
def december():
    with time_machine.travel(at(2026, 12, 20), tick=False):
        yield


def workbook(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="evaluation-2026-12.xlsx"' in response["Content-Disposition"]
    return load_workbook(io.BytesIO(response.content))


def test_the_workbook_has_both_rankings_formatted(bureau, login, supervisor, handler, department):
    book = workbook(login(supervisor).get(URL, {"period": "2026-12"}))
    sections, staff = book.worksheets
    assert (sections.title, staff.title) == ("科室 2026-12", "人员 2026-12")
    headers = [cell.value for cell in staff[1]]
    assert headers[:4] == ["名次", "工作人员", "科室", "得分"]
    assert all(cell.font.bold for cell in staff[1]) and staff.freeze_panes == "A2"
    assert staff.column_dimensions["B"].width == 16
    rows = {row[1]: row for row in staff.iter_rows(min_row=2, values_only=True)}
    mine = rows[handler.name]
    assert (mine[0], mine[2], mine[3]) == (2, department.name, 84)
    rate = headers.index("按时办结率")
    assert mine[rate] == pytest.approx(2 / 3, abs=0.001)
    assert staff.cell(row=list(rows).index(handler.name) + 2, column=rate + 1).number_format == "0.0%"
    assert {row[1] for row in sections.iter_rows(min_row=2, values_only=True)} == {"行政审批科", "市场监管科"}


def test_a_chiefs_workbook_is_their_section(bureau, login, chief, handler):
    book = workbook(login(chief).get(URL, {"period": "2026-12"}))
    sections, staff = book.worksheets
    assert [row[1] for row in sections.iter_rows(min_row=2, values_only=True)] == ["行政审批科"]
    names = {row[1] for row in staff.iter_rows(min_row=2, values_only=True)}
    assert handler.name in names and bureau["other"].name not in names


def test_roles_anonymous_wrong_method_and_bad_period(client, login, handler, supervisor):
    response = client.get(URL)
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert login(handler).get(URL).status_code == 403
    assert login(supervisor).post(URL).status_code == 405
    assert login(supervisor).get(URL, {"period": "2026-13"}).status_code == 400


def test_the_export_takes_a_bounded_number_of_queries(
    bureau, login, supervisor, django_assert_max_num_queries
):
    client = login(supervisor)
    with django_assert_max_num_queries(140):
        assert client.get(URL, {"period": "2026-12"}).status_code == 200
