"""Every figure of December 2026 against values counted by hand on a small crafted
bureau: the handler's three cases (one late), four ratings (one default, one poor
followed up and fixed, one excluded on appeal), an inquiry, an overdue step, a
complaint upheld and a warning; another section's case beside it."""

from datetime import date

import pytest
import time_machine

from accountability.models import Outcome, Record
from accountability.services_complaints import complaint_accept, complaint_answer, complaint_file
from accountability.services_records import record_decide
from deadlines.models import Escalation, EscalationStep
from deadlines.services import case_complete
from evaluation import figures, score, tables
from evaluation.jobs import rating_default_apply
from evaluation.models import Rating, ScoreScheme
from evaluation.periods import Period
from evaluation.services import (
    follow_up_appeal,
    follow_up_appeal_decide,
    follow_up_call_back,
    follow_up_fix,
    rating_submit,
)
from evaluation.tokens import token_for
from tests.evaluation.conftest import at
from tests.inquiries.conftest import log_inquiry  # noqa: F401  (fixture)

DECEMBER = Period.parse("2026-12")


@pytest.fixture
def bureau(
    official_calendar,
    open_case,
    make_item,
    log_inquiry,  # noqa: F811
    make_staff,
    other_department,
    handler,
    chief,
    supervisor,
):
    other = make_staff("handler", department=other_department, name="其他经办")
    their_item = make_item(code="XK-900", dept=other_department)

    def complete(received, done, **kw):
        with time_machine.travel(received, tick=False):
            case = open_case(**kw)
        with time_machine.travel(done, tick=False):
            return case_complete(actor=case.handler.user, case=case)

    # Received Tue 12-01, due 12-15: done Thu 12-03 (2 working days) and Mon 12-07 (4).
    first = complete(at(2026, 12, 1), at(2026, 12, 3))
    second = complete(at(2026, 12, 1), at(2026, 12, 7))
    # Received Mon 11-16, due Mon 11-30, done Wed 12-02: late, 12 working days.
    late = complete(at(2026, 11, 16), at(2026, 12, 2))
    complete(at(2026, 12, 1), at(2026, 12, 3), handler=other, service_item=their_item)
    Escalation.objects.create(case=late, step=EscalationStep.HANDLER, due_date=date(2026, 11, 30))
    with time_machine.travel(at(2026, 12, 2), tick=False):
        log_inquiry(asked=[handler])

    def rate(case, level, day, **kw):
        with time_machine.travel(at(2026, 12, day), tick=False):
            return rating_submit(actor=None, token=token_for(case), level=level, **kw)

    rate(first, 5, 4)
    poor = rate(second, 2, 8, reason="多次补交材料")
    follow_up_call_back(actor=chief.user, follow_up=poor.follow_up, note="申请人反映材料清单不清")
    follow_up_fix(actor=chief.user, follow_up=poor.follow_up, note="已修订材料清单")
    unfair = rate(late, 1, 8, reason="恶意差评")
    follow_up_appeal(actor=chief.user, follow_up=unfair.follow_up, reason="申请人未到窗口")
    follow_up_appeal_decide(
        actor=supervisor.user, follow_up=unfair.follow_up, uphold=True, opinion="有录像为证"
    )
    with time_machine.travel(at(2026, 12, 11), tick=False):
        rating_default_apply()  # the case of the other section, done 12-03: default on 12-11
    with time_machine.travel(at(2026, 12, 9), tick=False):
        complaint = complaint_file(
            actor=None,
            subject="推诿",
            description="三次补交材料",
            complainant_name="孙先生",
            complainant_phone="13700001234",
            about_staff=handler,
        )
        complaint_accept(actor=supervisor.user, complaint=complaint)
        complaint_answer(actor=supervisor.user, complaint=complaint, answer="属实", upheld=True)
    with time_machine.travel(at(2026, 12, 10), tick=False):
        record = Record.objects.get(source="complaint")
        record_decide(actor=supervisor.user, record=record, outcome=Outcome.WARNING, findings="推诿属实")
    return {"other": other}


@pytest.mark.django_db
def test_every_figure_of_the_handler_and_the_sections(bureau, handler, department, other_department):
    with time_machine.travel(at(2026, 12, 20), tick=False):
        staff = figures.compute(DECEMBER, figures.STAFF)
        sections = figures.compute(DECEMBER, figures.DEPARTMENT)
    mine = staff[handler.pk]
    assert {key: mine[key] for key in ("inquiries", "handled", "on_time", "overdue", "extensions")} == {
        "inquiries": 1,
        "handled": 3,
        "on_time": 2,
        "overdue": 0,  # its due date, 11-30, is November's
        "extensions": 0,
    }
    assert mine["on_time_rate"] == 66.7
    assert mine["avg_days"] == round((2 + 4 + 12) / 3, 2)
    # Ratings: 5 and 2 counted; the 1 excluded on appeal; no default for the handler.
    assert (mine["ratings"], mine["active"], mine["level_5"], mine["level_2"], mine["level_1"]) == (
        2,
        2,
        1,
        1,
        0,
    )
    assert (mine["good"], mine["poor"], mine["poor_called"], mine["poor_fixed"], mine["poor_unfollowed"]) == (
        1,
        1,
        1,
        1,
        0,
    )
    assert (mine["good_rate"], mine["active_rate"], mine["poor_share"], mine["fix_rate"]) == (
        50.0,
        100.0,
        50.0,
        100.0,
    )
    assert (mine["named_poor"], mine["named_call_back_rate"]) == (1, 100.0)
    assert (mine["complaints_upheld"], mine["yellow_cards"], mine["warnings"]) == (1, 1, 1)
    other = staff[bureau["other"].pk]
    assert (other["handled"], other["ratings"], other["active"], other["good"], other["active_rate"]) == (
        1,
        1,
        0,
        1,
        0.0,
    )
    assert sections[department.pk]["handled"] == 3 and sections[other_department.pk]["handled"] == 1
    assert Rating.objects.filter(is_default=True).count() == 1


@pytest.mark.django_db
def test_the_score_is_explained_figure_by_figure(bureau, handler):
    scheme = ScoreScheme.objects.get()
    with time_machine.travel(at(2026, 12, 20), tick=False):
        row = figures.compute(DECEMBER, figures.STAFF)[handler.pk]
    lines = {line.key: line for line in score.explain(row, scheme)}
    assert (lines["complaints_upheld"].points, lines["yellow_cards"].points, lines["warnings"].points) == (
        -5,
        -1,
        -10,
    )
    # 100 − 5 (complaint) − 1 (yellow card) − 10 (warning) = 84: 良好.
    assert score.score(row, scheme) == 84
    with time_machine.travel(at(2026, 12, 20), tick=False):
        ranked = tables.table(DECEMBER, figures.STAFF).rows
    mine = next(r for r in ranked if r["id"] == handler.pk)
    assert (mine["score"], mine["grade"]) == (84, "good")


@pytest.mark.django_db
def test_a_closed_period_is_frozen_and_a_later_edit_does_not_change_it(bureau, handler, supervisor):
    with time_machine.travel(at(2027, 1, 4), tick=False):
        tables.snapshot_freeze(DECEMBER, figures.STAFF)
        before = tables.table(DECEMBER, figures.STAFF).rows
        # A case of December edited afterwards: its rating excluded today.
        Rating.objects.filter(level=5).update(excluded=True)
        after = tables.table(DECEMBER, figures.STAFF).rows
        assert after == before
        revised = tables.snapshot_revise(
            actor=supervisor.user, period=DECEMBER, level=figures.STAFF, reason="一条好评经复核剔除"
        )
        assert (revised.revision, revised.created_by, revised.reason) == (2, supervisor, "一条好评经复核剔除")
        mine = next(r for r in tables.table(DECEMBER, figures.STAFF).rows if r["id"] == handler.pk)
    assert mine["figures"]["ratings"] == 1
