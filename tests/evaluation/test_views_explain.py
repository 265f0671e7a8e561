# ruff: noqa: F811  (fixtures imported, then asked for by name)
"""A score's explanation (/evaluation/explain/<level>/<id>/<period>/) and "my
evaluation" (/evaluation/mine/): figure by figure under the scheme in force,
each counted figure listing the matters behind it; staff see their own, a
chief their section and its people, supervisors all, anyone else a 404."""

import pytest
import time_machine

from deadlines.models import Case
from evaluation.models import FollowUpStatus, ScoreScheme
from tests.evaluation.conftest import at
from tests.evaluation.test_figures import bureau  # noqa: F401  (fixture)
from tests.inquiries.conftest import log_inquiry  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def url(level, who, period="2026-12"):
    return f"/evaluation/explain/{level}/{who}/{period}/"


@pytest.fixture(autouse=True)
def december():
    with time_machine.travel(at(2026, 12, 20), tick=False):
        yield


def line(page, key):
    return page.split(f'data-testid="score-line" data-figure="{key}"')[1].split("</tr>")[0]


def test_the_handler_reads_their_score_figure_by_figure(bureau, login, handler):
    page = login(handler).get(url("staff", handler.pk)).content.decode()
    assert 'data-testid="total">84' in page and "良好" in page
    assert "data-deduction" in line(page, "complaints_upheld") and ">-5" in line(page, "complaints_upheld")
    assert ">-10" in line(page, "warnings") and ">-1" in line(page, "yellow_cards")
    assert "data-deduction" not in line(page, "overdue")
    scheme = ScoreScheme.objects.get()
    assert f"{scheme.valid_from:%Y-%m-%d}" in page.split('data-testid="scheme"')[1].split("</span>")[0]
    matters = page.split('data-testid="matters"')[1]
    # The cases behind "cases handled", linked to their pages, and the complaint upheld.
    for case in Case.objects.filter(handler=handler):
        assert f'href="/cases/{case.pk}/">{case.number}</a>' in matters
    assert 'data-testid="matters-complaints_upheld"' in matters and "/accountability/complaints/" in matters
    assert 'data-testid="matters-poor"' in matters
    poor = matters.split('data-testid="matters-poor"')[1].split("</div>")[0]
    assert str(FollowUpStatus.FIXED.label) in poor
    assert 'data-state="live"' in page


def test_my_evaluation_is_the_same_for_myself(bureau, login, handler):
    page = login(handler).get("/evaluation/mine/", {"period": "2026-12"}).content.decode()
    assert 'data-testid="total">84' in page and "经办人老张" in page
    current = login(handler).get("/evaluation/mine/").content.decode()
    assert "2026-12" in current and 'data-testid="total">84' in current
    assert login(handler).get("/evaluation/mine/", {"period": "bad"}).status_code == 400


def test_nobody_else_reads_a_staff_members_score(
    bureau, login, handler, front_desk, other_chief, chief, supervisor
):
    assert login(front_desk).get(url("staff", handler.pk)).status_code == 404
    assert login(other_chief).get(url("staff", handler.pk)).status_code == 404
    assert login(handler).get(url("staff", bureau["other"].pk)).status_code == 404
    assert login(chief).get(url("staff", handler.pk)).status_code == 200
    assert login(supervisor).get(url("staff", bureau["other"].pk)).status_code == 200


def test_a_sections_score_for_its_chief_and_supervisors(
    bureau, login, chief, supervisor, handler, department, other_department
):
    page = login(chief).get(url("department", department.pk)).content.decode()
    assert "行政审批科" in page and 'data-testid="score-line"' in page
    assert login(chief).get(url("department", other_department.pk)).status_code == 404
    assert login(handler).get(url("department", department.pk)).status_code == 404
    assert login(supervisor).get(url("department", other_department.pk)).status_code == 200


def test_unknown_levels_people_and_periods_are_404(bureau, login, supervisor, handler):
    client = login(supervisor)
    assert client.get(url("bureau", handler.pk)).status_code == 404
    assert client.get(url("staff", 999999)).status_code == 404
    assert client.get(url("staff", handler.pk, "2026-13")).status_code == 404


def test_someone_with_nothing_counted_scores_the_base(bureau, login, front_desk):
    page = login(front_desk).get("/evaluation/mine/").content.decode()
    assert 'data-testid="total">100' in page
    assert "data-deduction" not in page


def test_anonymous_and_wrong_method(client, login, handler):
    paths = (url("staff", handler.pk), "/evaluation/mine/")
    for path in paths:
        response = client.get(path)
        assert response.status_code == 302 and "/login/" in response["Location"]
    for path in paths:
        assert login(handler).post(path).status_code == 405


def test_the_explanation_takes_a_bounded_number_of_queries(
    bureau, login, supervisor, handler, django_assert_max_num_queries
):
    client = login(supervisor)
    with django_assert_max_num_queries(110):
        assert client.get(url("staff", handler.pk)).status_code == 200
