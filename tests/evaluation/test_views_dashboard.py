# ruff: noqa: F811  (fixtures imported, then asked for by name)
"""The supervisors' dashboard (/evaluation/): every section for supervisors, a
chief their own; the charts' figures in tables beside them, the rankings with
the change from the previous period, whether the period is frozen or live;
a constant number of queries however many people and cases there are."""

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from evaluation.services import rating_submit
from evaluation.tokens import token_for
from tests.evaluation.conftest import at
from tests.evaluation.test_figures import bureau  # noqa: F401  (fixture)
from tests.inquiries.conftest import log_inquiry  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

URL = "/evaluation/"


@pytest.fixture
def december():
    with time_machine.travel(at(2026, 12, 20), tick=False):
        yield


def section(page: str, testid: str) -> str:
    return page.split(f'data-testid="{testid}"')[1].split("</section>")[0]


def ranked(page: str, level: str) -> list[str]:
    return [part.split('"')[0] for part in page.split(f'data-level="{level}" data-id="')[1:]]


def test_the_supervisor_sees_every_section_charted_and_ranked(
    bureau, december, login, supervisor, handler, department, other_department
):
    page = login(supervisor).get(URL).content.decode()
    assert 'data-state="live"' in page and "2026-12" in page
    trend = section(page, "chart-trend")
    assert (
        '<tr data-month="2026-12"><td>2026-12</td><td class="text-end">4</td><td class="text-end">3</td>'
        in trend
    )
    assert "75.0%" in trend and trend.count("data-month=") == 12
    satisfaction = section(page, "chart-satisfaction")
    # The 5 and the 2 were given by the public; the other section's case got the default 3.
    assert 'data-level="5"><td>非常满意 (Very satisfied)' not in satisfaction  # labels are translated
    assert '<td class="text-end" data-active>1</td><td class="text-end" data-default>0</td>' in satisfaction
    assert '<td class="text-end" data-active>0</td><td class="text-end" data-default>1</td>' in satisfaction
    assert "100.0%" in section(page, "chart-fix")
    assert set(ranked(page, "department")) == {str(department.pk), str(other_department.pk)}
    assert str(handler.pk) in ranked(page, "staff") and str(bureau["other"].pk) in ranked(page, "staff")
    staff = section(page, "ranking-staff")
    assert f"/evaluation/explain/staff/{handler.pk}/2026-12/" in staff
    assert "84" in staff.split(f'data-id="{handler.pk}"')[1].split("</tr>")[0]
    assert "vendor/chart.js/chart.umd.min.js" in page and 'id="satisfaction-chart"' in page


def test_a_section_filter_and_a_past_period(
    bureau, december, login, supervisor, handler, department, other_department
):
    client = login(supervisor)
    page = client.get(URL, {"department": other_department.pk}).content.decode()
    assert ranked(page, "department") == [str(other_department.pk)]
    assert ranked(page, "staff") == [str(bureau["other"].pk)]
    assert '<td>2026-12</td><td class="text-end">1</td><td class="text-end">1</td>' in page
    november = client.get(URL, {"period": "2026-11"}).content.decode()
    # November counts the late case's overdue step (due 11-30) against the handler: 100 − 5.
    assert ranked(november, "staff") == [str(handler.pk)]
    assert "data-score>95" in section(november, "ranking-staff")
    quarter = client.get(URL, {"period": "2026-Q4"}).content.decode()
    assert str(handler.pk) in ranked(quarter, "staff")
    assert client.get(URL, {"period": "2026-13"}).status_code == 400


def test_the_change_from_the_previous_period_is_shown(bureau, login, supervisor, handler):
    with time_machine.travel(at(2027, 1, 20), tick=False):
        page = login(supervisor).get(URL, {"period": "2026-12"}).content.decode()
        january = login(supervisor).get(URL, {"period": "2027-01"}).content.decode()
    # 95 in November (an overdue step), 84 in December: down 11.
    handler_row = section(page, "ranking-staff").split(f'data-id="{handler.pk}"')[1].split("</tr>")[0]
    assert 'data-change="-11.0"' in handler_row and "↓ 11<" in handler_row
    other_row = section(page, "ranking-staff").split(f'data-id="{bureau["other"].pk}"')[1].split("</tr>")[0]
    assert 'data-change=""' in other_row  # not ranked in November
    # Nothing counted for anyone in January: no one is ranked.
    assert ranked(january, "staff") == []


def test_a_chief_sees_their_section_only(
    bureau, december, login, chief, other_chief, handler, department, other_department
):
    page = login(chief).get(URL, {"department": other_department.pk}).content.decode()
    assert ranked(page, "department") == [str(department.pk)]
    assert str(bureau["other"].pk) not in ranked(page, "staff") and str(handler.pk) in ranked(page, "staff")
    assert 'name="department"' not in page
    theirs = login(other_chief).get(URL).content.decode()
    assert ranked(theirs, "staff") == [str(bureau["other"].pk)]
    assert handler.name not in theirs


def test_anonymous_wrong_method_and_roles(client, login, handler, front_desk, supervisor):
    response = client.get(URL)
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert login(handler).get(URL).status_code == 403
    assert login(front_desk).get(URL).status_code == 403
    assert login(supervisor).post(URL).status_code == 405


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL, {"period": "2026-12"}).status_code == 200
    return len(captured)


def test_the_dashboard_takes_the_same_queries_for_one_or_many(
    official_calendar, open_case, make_staff, login, supervisor, handler, make_item, other_department
):
    from deadlines.services import case_complete

    def rated_case(person, level=4):
        with time_machine.travel(at(2026, 12, 1), tick=False):
            case = open_case(handler=person)
        with time_machine.travel(at(2026, 12, 3), tick=False):
            case_complete(actor=person.user, case=case)
        with time_machine.travel(at(2026, 12, 4), tick=False):
            rating_submit(actor=None, token=token_for(case), level=level, reason="慢" if level < 3 else "")

    rated_case(handler)
    with time_machine.travel(at(2026, 12, 20), tick=False):
        _queries(login(supervisor))  # the first read of a bureau setting stores its default
        one = _queries(login(supervisor))
    for n in range(5):
        person = make_staff("handler", name=f"经办{n}")
        rated_case(person, level=2 if n % 2 else 5)
    with time_machine.travel(at(2026, 12, 20), tick=False):
        many = _queries(login(supervisor))
    assert many == one and many <= 160


REPORT = "/evaluation/report/"


def test_the_printable_report_has_both_rankings_on_a4(bureau, december, login, supervisor, chief, handler):
    page = login(supervisor).get(REPORT, {"period": "2026-12"}).content.decode()
    assert "size: A4" in page and 'data-testid="report-period">2026-12' in page
    assert handler.name in page.split('data-testid="report-staff"')[1]
    assert "市场监管科" in page.split('data-testid="report-sections"')[1].split("</table>")[0]
    chiefs = login(chief).get(REPORT, {"period": "2026-12"}).content.decode()
    assert "市场监管科" not in chiefs and bureau["other"].name not in chiefs


def test_the_report_refuses_as_the_dashboard_does(
    bureau, december, client, login, handler, supervisor, django_assert_max_num_queries
):
    response = client.get(REPORT)
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert login(handler).get(REPORT).status_code == 403
    client = login(supervisor)
    assert client.post(REPORT).status_code == 405
    assert client.get(REPORT, {"period": "x"}).status_code == 400
    with django_assert_max_num_queries(150):
        assert client.get(REPORT, {"period": "2026-12"}).status_code == 200
