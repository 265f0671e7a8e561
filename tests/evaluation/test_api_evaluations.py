"""GET /api/v1/evaluations/: the evaluation table of a period, scoped to who asks."""

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from deadlines.services import case_complete
from evaluation import figures, tables
from evaluation.periods import Period
from evaluation.services import rating_submit
from evaluation.tokens import token_for
from org.roles import Role
from tests.evaluation.conftest import at

URL = "/api/v1/evaluations/"
DECEMBER = Period.parse("2026-12")


@pytest.fixture
def completed(official_calendar, open_case):
    """completed(handler, level=None): a case received 12-01 and done 12-03,
    rated on 12-04 when a level is given."""

    def make(handler, level=None, **kw):
        with time_machine.travel(at(2026, 12, 1), tick=False):
            case = open_case(handler=handler, **kw)
        with time_machine.travel(at(2026, 12, 3), tick=False):
            case = case_complete(actor=handler.user, case=case)
        if level is not None:
            with time_machine.travel(at(2026, 12, 4), tick=False):
                rating_submit(actor=None, token=token_for(case), level=level, reason="等候时间长")
        return case

    return make


@pytest.fixture
def december(completed, make_item, make_staff, other_department, handler, chief):
    """The handler: two cases rated 5 and 2; the chief: one case, unrated;
    another section's handler: one rated 4."""
    their_item = make_item(code="XK-901", dept=other_department)
    other = make_staff(Role.HANDLER, department=other_department, name="外科经办")
    completed(handler, 5)
    completed(handler, 2)
    completed(chief)
    completed(other, 4, service_item=their_item)
    return {"other": other, "item": their_item}


def _get(client, **params):
    with time_machine.travel(at(2026, 12, 20), tick=False):
        return client.get(URL, params)


@pytest.mark.django_db
def test_a_supervisor_sees_every_row_with_every_figure(api, december, supervisor, handler, chief):
    response = _get(api(supervisor), period="2026-12", level="staff")
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["period"], body["start"], body["end"], body["live"], body["frozen"]) == (
        "2026-12",
        "2026-12-01",
        "2027-01-01",
        True,
        None,
    )
    rows = {row["id"]: row for row in body["results"]}
    assert set(rows) == {handler.pk, chief.pk, december["other"].pk}
    mine = rows[handler.pk]
    assert (mine["name"], mine["department"], mine["department_name"]) == (
        handler.name,
        handler.department_id,
        handler.department.name,
    )
    assert set(mine["figures"]) == set(figures.compute(DECEMBER, figures.STAFF)[handler.pk])
    assert (mine["figures"]["handled"], mine["figures"]["ratings"], mine["figures"]["poor"]) == (2, 2, 1)
    assert (mine["figures"]["good_rate"], mine["figures"]["poor_share"], mine["figures"]["fix_rate"]) == (
        50.0,
        50.0,
        0.0,
    )
    # The chief's case is unrated: the rates of the ratings have nothing to divide.
    assert rows[chief.pk]["figures"]["good_rate"] is None and rows[chief.pk]["figures"]["fix_rate"] is None
    assert rows[chief.pk]["figures"]["on_time_rate"] == 100.0
    # The poor rating not called back yet costs the handler 2 points (the default scheme); the others tie.
    ranked = [(row["id"], row["score"], row["rank"], row["grade"]) for row in body["results"]]
    assert ranked[2] == (handler.pk, 98.0, 3, "excellent")
    assert {(score, rank) for _id, score, rank, _grade in ranked[:2]} == {(100.0, 1)}
    assert mine["change"] is None  # nothing in November


@pytest.mark.django_db
def test_the_sections_table(api, december, supervisor, department, other_department):
    body = _get(api(supervisor), period="2026-12", level="department").json()
    rows = {row["id"]: row for row in body["results"]}
    assert set(rows) == {department.pk, other_department.pk}
    assert rows[department.pk]["figures"]["handled"] == 3
    assert rows[department.pk]["department"] is None


@pytest.mark.django_db
def test_a_chief_sees_their_sections_people_and_section_only(api, december, chief, handler, department):
    client = api(chief)
    staff = _get(client, period="2026-12", level="staff").json()["results"]
    assert {row["id"] for row in staff} == {handler.pk, chief.pk}
    sections = _get(client, period="2026-12", level="department").json()["results"]
    assert [row["id"] for row in sections] == [department.pk]


@pytest.mark.django_db
def test_a_staff_member_sees_their_own_row_and_not_the_sections(api, december, handler):
    client = api(handler)
    rows = _get(client, period="2026-12").json()["results"]
    assert [row["id"] for row in rows] == [handler.pk]
    assert _get(client, period="2026-12", level="department").status_code == 403


@pytest.mark.django_db
def test_the_quarter_and_the_year_count_the_month(api, december, supervisor, handler):
    client = api(supervisor)
    for period in ("2026-Q4", "2026"):
        body = _get(client, period=period).json()
        assert body["period"] == period
        row = next(r for r in body["results"] if r["id"] == handler.pk)
        assert row["figures"]["handled"] == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"period": "2026-13"}, "period"),
        ({"period": "last month"}, "period"),
        ({"period": "2026-Q5"}, "period"),
        ({"period": "2027-01"}, "period"),  # not begun on 2026-12-20
        ({"period": "2026-12", "level": "bureau"}, "level"),
    ],
)
def test_a_bad_period_or_level_is_400_with_the_reason(api, supervisor, params, field):
    response = _get(api(supervisor), **params)
    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert response.json()[field][0]


@pytest.mark.django_db
def test_anonymous_is_refused_and_only_get_is_allowed(api, supervisor):
    assert _get(api(), period="2026-12").status_code == 401
    assert api(supervisor).post(URL, {}, format="json").status_code == 405


@pytest.mark.django_db
def test_a_closed_period_is_read_from_its_snapshot(api, december, supervisor, handler):
    from evaluation.models import Rating

    with time_machine.travel(at(2027, 1, 4), tick=False):
        tables.snapshot_freeze(DECEMBER, figures.STAFF)
        Rating.objects.filter(level=2).update(excluded=True)  # edited after the freeze
        body = api(supervisor).get(URL, {"period": "2026-12"}).json()
    assert body["live"] is False
    assert (body["frozen"]["revision"], body["frozen"]["reason"]) == (1, "")
    assert body["frozen"]["created_at"].startswith("2027-01-04")
    mine = next(r for r in body["results"] if r["id"] == handler.pk)
    assert mine["figures"]["poor"] == 1


@pytest.mark.django_db
def test_the_query_count_does_not_grow_with_the_rows(api, december, completed, make_staff, supervisor):
    client = api(supervisor)
    _get(client, period="2026-12")
    with CaptureQueriesContext(connection) as few:
        assert len(_get(client, period="2026-12").json()["results"]) == 3
    for index in range(4):
        completed(make_staff(Role.HANDLER, name=f"经办{index}"), 4)
    with CaptureQueriesContext(connection) as many:
        assert len(_get(client, period="2026-12").json()["results"]) == 7
    assert len(many) == len(few)


@pytest.mark.django_db
def test_the_query_count_has_a_ceiling(api, december, supervisor, django_assert_max_num_queries):
    client = api(supervisor)
    with django_assert_max_num_queries(75):
        assert _get(client, period="2026-12").status_code == 200


def test_the_schema_says_which_figures_may_be_null(db):
    from tests.api.conftest import schema

    components = schema()["components"]["schemas"]
    fields = components["EvaluationFigures"]["properties"]
    for rate in figures.RATES:
        assert fields[rate.key]["nullable"] is True, rate.key
    assert fields["avg_days"]["nullable"] is True
    assert "nullable" not in fields["handled"]
    row = components["EvaluationRow"]["properties"]
    assert row["score"]["nullable"] is True and row["change"]["nullable"] is True
