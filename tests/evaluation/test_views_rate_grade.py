"""The same rating link, once the section has fixed a poor rating, asks the
rater to grade the fix (满意/基本满意/不满意), once."""

import pytest
import time_machine
from django.core.cache import cache

from evaluation.models import FollowUp, Grade
from evaluation.services import follow_up_call_back, follow_up_fix, rating_submit
from tests.evaluation.conftest import at


@pytest.fixture(autouse=True)
def today():
    cache.clear()
    with time_machine.travel(at(2026, 12, 4), tick=False):
        yield
    cache.clear()


@pytest.fixture
def follow_up(token, chief):
    rating = rating_submit(actor=None, token=token, level=1, reason="窗口让我跑了三趟")
    return rating.follow_up


@pytest.fixture
def fixed(follow_up, chief):
    follow_up_call_back(actor=chief.user, follow_up=follow_up, note="已致电申请人，了解情况")
    return follow_up_fix(actor=chief.user, follow_up=follow_up, note="已当面致歉，并调整窗口叫号流程")


def url(token):
    return f"/rate/{token}/"


def test_before_the_fix_the_link_answers_the_used_link_page(client, token, follow_up):
    response = client.get(url(token))
    assert response.status_code == 400 and 'data-testid="link-refused"' in response.content.decode()
    early = client.post(url(token), {"grade": Grade.SATISFIED})
    assert early.status_code == 400
    assert FollowUp.objects.get().grade == ""


def test_once_fixed_the_link_shows_what_was_done_and_the_three_grades(client, token, fixed, completed_case):
    response = client.get(url(token))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-testid="grade-form"' in page and "调整窗口叫号流程" in page
    assert completed_case.number in page
    for label in ("满意", "基本满意", "不满意"):
        assert label in page
    assert 'data-testid="level-5"' not in page  # no second rating


def test_the_rater_grades_the_fix_once(client, token, fixed):
    response = client.post(url(token), {"grade": Grade.SATISFIED})
    assert response.status_code == 200
    assert 'data-testid="graded"' in response.content.decode()
    assert FollowUp.objects.get().grade == Grade.SATISFIED
    again = client.post(url(token), {"grade": Grade.DISSATISFIED})
    assert again.status_code == 400 and 'data-testid="link-refused"' in again.content.decode()
    assert FollowUp.objects.get().grade == Grade.SATISFIED


def test_a_grade_not_chosen_is_a_form_error(client, token, fixed):
    response = client.post(url(token), {"grade": "excellent"})
    assert response.status_code == 400
    assert 'data-testid="grade-errors"' in response.content.decode()
    assert FollowUp.objects.get().grade == ""


def test_staff_do_not_grade(login, token, fixed, chief):
    response = login(chief).post(url(token), {"grade": Grade.SATISFIED})
    assert response.status_code == 403 and 'data-testid="staff-refused"' in response.content.decode()
    assert FollowUp.objects.get().grade == ""


def test_the_queries_of_grading(client, token, fixed, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        assert client.get(url(token)).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.post(url(token), {"grade": Grade.BASICALLY}).status_code == 200
