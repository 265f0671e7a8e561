"""The public rating page /rate/<token>/: no login, one rating per case, never
by staff; a poor rating needs a reason; a wrong or used link answers one page."""

import re

import pytest
import time_machine
from django.core.cache import cache

from evaluation.models import FollowUp, PoorReason, Rating, RatingChannel
from evaluation.tokens import token_for
from tests.evaluation.conftest import at


@pytest.fixture(autouse=True)
def today():
    cache.clear()  # the rate limit's counts
    with time_machine.travel(at(2026, 12, 4), tick=False):
        yield
    cache.clear()


def page_of(response, token, forged) -> str:
    """The page as a reader sees it: the language menu's CSRF token differs on every answer."""
    page = response.content.decode().replace(forged, token)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page)


def url(token, channel=""):
    return f"/rate/{token}/" + (f"?c={channel}" if channel else "")


@pytest.fixture
def slow(db):
    return PoorReason.objects.get(name="办事效率低")


def test_the_page_shows_the_case_as_the_public_board_would_and_nothing_personal(
    client, token, completed_case, handler, department, slow
):
    handler.title = "科员"
    handler.save(update_fields=["title"])
    PoorReason.objects.create(name="已停用的理由", active=False)
    response = client.get(url(token, "qr"))
    assert response.status_code == 200
    page = response.content.decode()
    for shown in (completed_case.number, completed_case.title, department.name, f"{handler.name} 科员"):
        assert shown in page
    assert "王先生" not in page and "5678" not in page
    for label in ("非常满意", "满意", "基本满意", "不满意", "非常不满意"):
        assert label in page
    assert 'data-testid="level-1"' in page and "办事效率低" in page and "已停用的理由" not in page


def test_a_handler_not_on_the_board_is_not_named(client, token, handler):
    handler.shown_on_board = False
    handler.save(update_fields=["shown_on_board"])
    page = client.get(url(token)).content.decode()
    assert handler.name not in page and "本科室工作人员" in page


def test_a_good_rating_is_recorded_with_the_channel_of_the_link_and_thanked(client, token, completed_case):
    response = client.post(url(token, "sms"), {"level": "5"})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-testid="thanks"' in page and "非常满意" in page
    assert 'data-testid="follow-up-promise"' not in page
    rating = Rating.objects.get(case=completed_case)
    assert (rating.level, rating.channel, rating.is_default) == (5, RatingChannel.SMS, False)


def test_an_unknown_channel_counts_as_the_web(client, token):
    client.post(url(token, "fax"), {"level": "4"})
    assert Rating.objects.get().channel == RatingChannel.WEB


def test_a_poor_rating_with_a_ticked_reason_promises_the_call_back(client, token, slow, chief, settings):
    from constance import config

    config.POOR_RATING_FOLLOW_UP_WD = 5
    response = client.post(url(token, "qr"), {"level": "2", "tags": [slow.pk]})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-testid="follow-up-promise"' in page
    assert "5 个工作日" in page and "2026-12-11" in page  # Fri 12-04 + 5 working days
    rating = Rating.objects.get()
    assert list(rating.tags.all()) == [slow] and rating.follow_up.assigned_to == chief


def test_a_poor_rating_without_a_reason_is_a_form_error_and_saves_nothing(client, token, slow):
    response = client.post(url(token), {"level": "1", "reason": "  "})
    assert response.status_code == 400
    page = response.content.decode()
    assert "勾选" in page or "填写" in page  # the service's words, on the reason field
    assert 'data-testid="rate-form"' in page
    assert not Rating.objects.exists() and not FollowUp.objects.exists()


def test_a_rating_without_a_level_is_a_form_error(client, token):
    response = client.post(url(token), {})
    assert response.status_code == 400
    assert 'data-testid="level-errors"' in response.content.decode()
    assert not Rating.objects.exists()


def test_one_rating_per_case_never_changed(client, token):
    client.post(url(token), {"level": "5"})
    again = client.post(url(token), {"level": "1", "reason": "改评"})
    assert again.status_code == 400
    assert 'data-testid="link-refused"' in again.content.decode()
    assert list(Rating.objects.values_list("level", flat=True)) == [5]


def test_a_used_link_and_a_wrong_one_get_the_same_page(client, token, completed_case):
    client.post(url(token), {"level": "5"})
    forged = token_for(completed_case)[:-3] + "abc"
    answers = [client.get(url(token)), client.get(url(forged)), client.post(url(forged), {"level": "5"})]
    assert {answer.status_code for answer in answers} == {400}
    bodies = {page_of(answer, token, forged) for answer in answers}
    assert len(bodies) == 1
    assert "评价链接无效" in bodies.pop()


def test_a_case_not_completed_is_not_rated_yet(client, official_calendar, open_case):
    with time_machine.travel(at(2026, 12, 1), tick=False):
        case = open_case()
    response = client.get(url(token_for(case)))
    assert response.status_code == 400 and 'data-testid="link-refused"' in response.content.decode()


@pytest.mark.parametrize("role", ["handler", "chief", "front_desk", "supervisor"])
def test_staff_do_not_rate(request, login, token, role):
    client = login(request.getfixturevalue(role))
    for response in (client.get(url(token)), client.post(url(token), {"level": "5"})):
        assert response.status_code == 403
        assert 'data-testid="staff-refused"' in response.content.decode()
    assert not Rating.objects.exists()


def test_other_methods_are_refused(client, token):
    assert client.put(url(token)).status_code == 405
    assert client.delete(url(token)).status_code == 405


def test_sending_is_limited_per_address_and_saves_nothing_past_it(client, token):
    for _ in range(20):
        client.post(url(token), {"level": "9"})
    response = client.post(url(token), {"level": "5"})
    assert response.status_code == 429
    assert 'data-testid="limited"' in response.content.decode()
    assert not Rating.objects.exists()
    assert client.get(url(token)).status_code == 200  # reading is not limited


def test_the_queries_of_the_page_and_of_a_rating(client, token, slow, chief, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        assert client.get(url(token)).status_code == 200
    # The rating, its audit event, the follow-up, its event and the chiefs' messages.
    with django_assert_max_num_queries(28):
        assert client.post(url(token), {"level": "2", "tags": [slow.pk]}).status_code == 200
