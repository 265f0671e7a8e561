"""The register of refusals (/refusals/) and its Excel export (/refusals/export/):
supervisors see every section's, a section chief their own; filters, counts by
outcome, paging; the export carries officer, applicant and chief's opinion."""

import io

import pytest
import time_machine
from openpyxl import load_workbook

from org.roles import Role
from refusals.services import refusal_confirm, refusal_overturn
from tests.refusals.conftest import BASIS, at

pytestmark = pytest.mark.django_db

URL = "/refusals/"
EXPORT = "/refusals/export/"


@pytest.fixture
def refusals(official_calendar, open_case, make_item, make_staff, other_department, file_refusal, chief):
    """Three in the chief's section (one confirmed, one overturned, one waiting), one in another."""
    other_handler = make_staff(Role.HANDLER, name="经办人小李", department=other_department)
    other_item = make_item(dept=other_department)
    with time_machine.travel(at(2026, 12, 1), tick=False):
        ours = [open_case() for _ in range(3)]
        theirs = open_case(service_item=other_item, handler=other_handler)
    confirmed = file_refusal(ours[0], when=at(2026, 12, 1))
    overturned = file_refusal(ours[1], when=at(2026, 12, 2), kind="not_accepted")
    waiting = file_refusal(ours[2], when=at(2026, 12, 3))
    elsewhere = file_refusal(theirs, actor=other_handler, when=at(2026, 12, 3))
    with time_machine.travel(at(2026, 12, 4), tick=False):
        refusal_confirm(actor=chief.user, refusal=confirmed, opinion="依据充分，予以确认")
        refusal_overturn(actor=chief.user, refusal=overturned, opinion="=材料齐全，应予受理")
    return {"confirmed": confirmed, "overturned": overturned, "waiting": waiting, "elsewhere": elsewhere}


def numbers(page):
    return {line.split('"')[1] for line in page.split("data-refusal=")[1:]}


def test_the_supervisor_sees_every_section_with_counts(login, supervisor, refusals):
    page = login(supervisor).get(URL).content.decode()
    assert numbers(page) == {r.number for r in refusals.values()}
    assert 'data-status-count="all" data-count="4"' in page
    assert 'data-status-count="filed" data-count="2"' in page
    assert 'data-status-count="overturned" data-count="1"' in page
    assert 'id="results" data-list-total="4"' in page


def test_a_chief_sees_their_own_section_only(login, chief, refusals):
    page = login(chief).get(URL).content.decode()
    assert refusals["elsewhere"].number not in page
    assert len(numbers(page)) == 3
    assert 'name="department"' not in page  # nothing to pick


def test_the_filters_narrow_by_kind_outcome_officer_and_period(login, supervisor, handler, refusals):
    client = login(supervisor)
    assert numbers(client.get(URL, {"kind": "not_accepted"}).content.decode()) == {
        refusals["overturned"].number
    }
    assert numbers(client.get(URL, {"status": "confirmed"}).content.decode()) == {
        refusals["confirmed"].number
    }
    by_officer = numbers(client.get(URL, {"officer": handler.pk}).content.decode())
    assert refusals["elsewhere"].number not in by_officer and len(by_officer) == 3
    period = client.get(URL, {"filed_from": "2026-12-02", "filed_to": "2026-12-02"}).content.decode()
    assert numbers(period) == {refusals["overturned"].number}
    section = refusals["elsewhere"].department_id
    assert numbers(client.get(URL, {"department": section}).content.decode()) == {
        refusals["elsewhere"].number
    }


def test_the_export_has_the_filtered_rows_in_full_detail(login, supervisor, refusals):
    response = login(supervisor).get(EXPORT, {"status": "overturned"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header, *data = rows
    assert len(data) == 1
    row = dict(zip(header, data[0], strict=True))
    overturned = refusals["overturned"]
    assert row["决定书编号"] == overturned.number
    assert row["申请人"] == "王先生"
    assert row["法律依据"] == BASIS
    assert row["经办人"] == "经办人老张"
    assert row["科室负责人意见"] == "=材料齐全，应予受理"  # text, never a formula
    assert row["审批人"] == "科长李红"
    assert row["审批时间"].startswith("2026-12-04")


def test_the_chiefs_export_is_their_section_only(login, chief, refusals):
    sheet = load_workbook(io.BytesIO(login(chief).get(EXPORT).content)).active
    assert sheet.max_row == 1 + 3


@pytest.mark.parametrize("path", [URL, EXPORT])
def test_wrong_method(login, supervisor, path):
    assert login(supervisor).post(path).status_code == 405


@pytest.mark.parametrize("path", [URL, EXPORT])
def test_anonymous_is_sent_to_log_in(client, db, path):
    response = client.get(path)
    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.parametrize("role", ["front_desk", "handler"])
@pytest.mark.parametrize("path", [URL, EXPORT])
def test_the_desk_and_handlers_have_no_register(request, login, role, path):
    assert login(request.getfixturevalue(role)).get(path).status_code == 403


def test_another_sections_chief_sees_none_of_ours(login, other_chief, refusals):
    page = login(other_chief).get(URL).content.decode()
    assert numbers(page) == {refusals["elsewhere"].number}
    assert login(other_chief).get(URL, {"department": refusals["waiting"].department_id}).status_code == 200


def test_the_register_costs_the_same_with_more_rows(
    login, supervisor, refusals, open_case, file_refusal, django_assert_max_num_queries
):
    client = login(supervisor)
    with django_assert_max_num_queries(30) as captured:
        client.get(URL)
    with time_machine.travel(at(2026, 12, 1), tick=False):
        more = [open_case() for _ in range(3)]
    for case in more:
        file_refusal(case)
    with django_assert_max_num_queries(len(captured)):
        page = client.get(URL).content.decode()
    assert len(numbers(page)) == 7
