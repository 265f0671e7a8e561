"""A follow-up's page (/evaluation/follow-ups/<id>/): the case and its poor
rating, the rater's masked phone and its logged reveal (/contact/), and the
section chief's call-back (/call-back/) and fix (/fix/)."""

# ruff: noqa: F811  (the fixtures imported from follow_ups_made are taken as arguments)

import pytest
import time_machine

from audit.models import AuditEvent
from evaluation.models import FollowUpStatus
from evaluation.services import follow_up_call_back
from tests.evaluation.conftest import at
from tests.evaluation.follow_ups_made import follow_up, other_follow_up, second_follow_up, slow  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(at(2026, 12, 8), tick=False):
        yield


def url(follow_up, action=""):
    return f"/evaluation/follow-ups/{follow_up.pk}/{action}"


def test_the_chief_sees_the_case_the_rating_and_the_call_back_form(login, chief, follow_up):
    case = follow_up.rating.case
    page = login(chief).get(url(follow_up)).content.decode()
    assert f'href="/cases/{case.pk}/" data-testid="case-link">{case.number}' in page
    assert "非常不满意" in page and "办事效率低" in page and "等了一个小时没人理" in page
    assert "138****5678" in page and "13812345678" not in page
    assert 'data-testid="reveal-contact"' in page
    assert "2026-12-11" in page and "data-late" not in page
    assert 'data-testid="call-back"' in page and 'data-testid="fix"' not in page
    assert 'data-testid="appeal-file"' in page and 'data-testid="appeal-decide"' not in page


def test_a_follow_up_past_its_date_shows_red(login, chief, follow_up):
    with time_machine.travel(at(2026, 12, 14), tick=False):
        page = login(chief).get(url(follow_up)).content.decode()
    assert 'data-testid="due" data-late' in page


def test_the_chief_calls_back_then_records_the_fix(login, chief, follow_up):
    client = login(chief)
    page = client.post(
        url(follow_up, "call-back/"), {"note": "已致电王先生致歉"}, follow=True
    ).content.decode()
    assert (
        "已致电王先生致歉" in page and 'data-testid="call-back"' not in page and 'data-testid="fix"' in page
    )
    page = client.post(url(follow_up, "fix/"), {"note": "窗口增设引导员"}, follow=True).content.decode()
    assert "窗口增设引导员" in page and 'data-testid="fix"' not in page
    follow_up.refresh_from_db()
    assert (follow_up.status, follow_up.called_by, follow_up.fixed_by) == (FollowUpStatus.FIXED, chief, chief)


def test_an_empty_note_comes_back_with_its_error(login, chief, follow_up):
    response = login(chief).post(url(follow_up, "call-back/"), {"note": "  "})
    assert response.status_code == 400
    assert "is-invalid" in response.content.decode()
    follow_up.refresh_from_db()
    assert follow_up.status == FollowUpStatus.OPEN


def test_a_fix_before_the_call_back_and_a_second_call_back_are_conflicts(login, chief, follow_up):
    client = login(chief)
    early = client.post(url(follow_up, "fix/"), {"note": "先整改"})
    assert early.status_code == 409 and 'data-testid="conflict"' in early.content.decode()
    client.post(url(follow_up, "call-back/"), {"note": "第一次"})
    again = client.post(url(follow_up, "call-back/"), {"note": "第二次"})
    assert again.status_code == 409 and 'data-testid="conflict"' in again.content.decode()
    follow_up.refresh_from_db()
    assert follow_up.call_note == "第一次"


def test_the_chief_reveals_the_raters_phone_and_the_sight_is_logged(login, chief, follow_up):
    response = login(chief).post(url(follow_up, "contact/"))
    page = response.content.decode()
    assert response.status_code == 200
    assert '<span data-testid="applicant-phone">13812345678</span>' in page
    assert 'data-testid="reveal-contact"' not in page
    event = AuditEvent.objects.get(verb="personal_data.viewed")
    assert (event.actor, event.subject_id, event.after) == (
        chief.user,
        str(follow_up.rating.case.pk),
        {"applicant_phone": True},
    )


def test_a_rater_who_left_no_phone_has_nothing_to_reveal(login, chief, second_follow_up):
    page = login(chief).get(url(second_follow_up)).content.decode()
    assert "不满意" in page and 'data-testid="reveal-contact"' not in page
    assert "未实名" in page


def test_the_supervisor_reads_but_neither_calls_back_nor_sees_the_phone(
    login,
    supervisor,
    follow_up,
):
    client = login(supervisor)
    page = client.get(url(follow_up)).content.decode()
    assert 'data-testid="call-back"' not in page and 'data-testid="reveal-contact"' not in page
    assert client.post(url(follow_up, "call-back/"), {"note": "代为回访"}).status_code == 403
    assert client.post(url(follow_up, "fix/"), {"note": "代为整改"}).status_code == 403
    assert client.post(url(follow_up, "contact/")).status_code == 403
    assert not AuditEvent.objects.filter(verb="personal_data.viewed").exists()


def test_another_section_and_a_handler_find_nothing(login, other_chief, handler, follow_up):
    for staff in (other_chief, handler):
        client = login(staff)
        assert client.get(url(follow_up)).status_code == 404
        for action in ("call-back/", "fix/", "contact/", "appeal/", "appeal/decide/"):
            assert client.post(url(follow_up, action), {"note": "x"}).status_code == 404, action
        assert client.get(url(follow_up, "evidence/")).status_code == 404


def test_wrong_methods(login, chief, follow_up):
    client = login(chief)
    assert client.post(url(follow_up)).status_code == 405
    for action in ("call-back/", "fix/", "contact/", "appeal/", "appeal/decide/"):
        assert client.get(url(follow_up, action)).status_code == 405, action
    assert client.post(url(follow_up, "evidence/")).status_code == 405


def test_anonymous_is_sent_to_log_in(client, follow_up):
    for response in (client.get(url(follow_up)), client.post(url(follow_up, "call-back/"), {"note": "x"})):
        assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_page_takes_a_bounded_number_of_queries(
    login,
    chief,
    follow_up,
    django_assert_max_num_queries,
):
    follow_up_call_back(actor=chief.user, follow_up=follow_up, note="已回访")
    client = login(chief)
    with django_assert_max_num_queries(25):
        assert client.get(url(follow_up)).status_code == 200
