# ruff: noqa: F811  (fixtures imported, then asked for by name)
"""The public board's satisfaction figures (/board/satisfaction/): no login,
per section by month, 好评率, 主动评价率, 差评整改率 and 实名差评回访率 as the
figures count them, and nothing that names a person."""

import pytest
import time_machine

from org.models import Staff
from tests.evaluation.conftest import at
from tests.evaluation.test_figures import bureau  # noqa: F401  (fixture)
from tests.inquiries.conftest import log_inquiry  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

URL = "/board/satisfaction/"


@pytest.fixture(autouse=True)
def december():
    with time_machine.travel(at(2026, 12, 20), tick=False):
        yield


def month(page, code, key):
    return page.split(f'data-testid="section-{code}"')[1].split(f'data-month="{key}"')[1].split("</tr>")[0]


def test_the_public_reads_each_sections_rates_by_month(bureau, client, department, other_department):
    response = client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    ours = month(page, department.code, "2026-12")
    # A 5 and a 2 (called back, fixed; named) counted, the 1 excluded on appeal.
    assert 'data-rate="good">50.0%' in ours and 'data-rate="active">100.0%' in ours
    assert 'data-rate="fix">100.0%' in ours and 'data-rate="named">100.0%' in ours
    theirs = month(page, other_department.code, "2026-12")
    # The default rating: good, but not an active one; no poor rating to fix.
    assert 'data-rate="good">100.0%' in theirs and 'data-rate="active">0.0%' in theirs
    assert 'data-rate="fix">—' in theirs
    # Months without a rating are left out of the tables (the chart still spans twelve).
    assert 'data-month="2026-11"' not in page
    assert 'id="satisfaction-chart"' in page and "vendor/chart.js/chart.umd.min.js" in page


def test_no_staff_name_is_published(bureau, client):
    page = client.get(URL).content.decode()
    for name in Staff.objects.values_list("name", flat=True):
        assert name not in page
    assert "13700001234" not in page and "孙先生" not in page


def test_the_board_links_to_it_and_it_answers_get_only(client):
    assert 'href="/board/satisfaction/"' in client.get("/board/").content.decode()
    assert client.post(URL).status_code == 405


def test_the_page_takes_a_constant_number_of_queries(bureau, client, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        assert client.get(URL).status_code == 200
