"""POST /api/v1/ratings/: the applicant rates without login, once; staff are
refused by session and by token; a wrong or used token: the same 400."""

import pytest
import time_machine
from django.core.cache import cache

from evaluation.models import FollowUp, PoorReason, Rating, RatingChannel
from tests.evaluation.conftest import at

URL = "/api/v1/ratings/"


@pytest.fixture(autouse=True)
def today():
    cache.clear()  # the throttle's counts
    with time_machine.travel(at(2026, 12, 4), tick=False):
        yield
    cache.clear()


@pytest.fixture
def slow(db):
    return PoorReason.objects.get(name="办事效率低")


def test_a_rating_without_login_is_created_once(api, token, completed_case):
    response = api().post(URL, {"token": token, "level": 4, "channel": "device"}, format="json")
    assert response.status_code == 201, response.content
    assert response.json() == {"level": 4, "is_default": False, "follow_up_opened": False}
    rating = Rating.objects.get(case=completed_case)
    assert (rating.level, rating.channel) == (4, RatingChannel.DEVICE)


def test_the_channel_defaults_to_the_web(api, token):
    api().post(URL, {"token": token, "level": 5}, format="json")
    assert Rating.objects.get().channel == RatingChannel.WEB


def test_a_poor_rating_with_tags_opens_a_follow_up(api, token, slow, chief):
    response = api().post(URL, {"token": token, "level": 1, "tags": [slow.pk]}, format="json")
    assert response.status_code == 201
    assert response.json()["follow_up_opened"] is True
    assert FollowUp.objects.get().assigned_to == chief


def test_a_poor_rating_without_a_reason_is_400_and_saves_nothing(api, token):
    response = api().post(URL, {"token": token, "level": 2, "reason": ""}, format="json")
    assert response.status_code == 400
    assert "reason" in response.json()
    assert not Rating.objects.exists()


@pytest.mark.parametrize(
    "body",
    [{"level": 6}, {"level": 0}, {"level": 5, "channel": "default"}, {"level": 2, "tags": [999]}],
)
def test_bad_input_is_400(api, token, body):
    assert api().post(URL, {"token": token, **body}, format="json").status_code == 400
    assert not Rating.objects.exists()


def test_an_inactive_reason_cannot_be_ticked(api, token, slow):
    slow.active = False
    slow.save(update_fields=["active"])
    response = api().post(URL, {"token": token, "level": 2, "tags": [slow.pk]}, format="json")
    assert response.status_code == 400 and "tags" in response.json()


def test_a_used_token_and_a_wrong_one_get_the_same_400(api, token):
    client = api()
    assert client.post(URL, {"token": token, "level": 5}, format="json").status_code == 201
    used = client.post(URL, {"token": token, "level": 1, "reason": "改评"}, format="json")
    wrong = client.post(URL, {"token": token[:-3] + "abc", "level": 5}, format="json")
    assert used.status_code == wrong.status_code == 400
    assert used.json() == wrong.json() == {"detail": "该评价链接无效，或该办件已评价过。"}
    assert list(Rating.objects.values_list("level", flat=True)) == [5]


def test_a_case_not_completed_gets_the_same_400(api, official_calendar, open_case):
    from evaluation.tokens import token_for

    with time_machine.travel(at(2026, 12, 1), tick=False):
        case = open_case()
    response = api().post(URL, {"token": token_for(case), "level": 5}, format="json")
    assert response.status_code == 400
    assert response.json() == {"detail": "该评价链接无效，或该办件已评价过。"}


@pytest.mark.parametrize("role", ["handler", "chief", "supervisor"])
def test_staff_by_token_are_refused_whatever_they_send(request, api, token, role):
    client = api(request.getfixturevalue(role))
    for body in ({"token": token, "level": 5}, {}, "[]"):
        response = (
            client.post(URL, body, format="json")
            if body != "[]"
            else client.post(URL, data=body, content_type="application/json")
        )
        assert response.status_code == 403
    assert not Rating.objects.exists()


def test_staff_by_session_are_refused(client, handler, token):
    client.force_login(handler.user)
    response = client.post(URL, {"token": token, "level": 5}, content_type="application/json")
    assert response.status_code == 403
    assert not Rating.objects.exists()


def test_only_post(api, token):
    client = api()
    assert client.get(URL).status_code == 405
    assert client.put(URL, {"token": token, "level": 5}, format="json").status_code == 405


def test_the_throttle_counts_per_address(api, token, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "rating": "2/hour"},
    }
    client = api()
    for _ in range(2):
        assert client.post(URL, {"token": "x", "level": 5}, format="json").status_code == 400
    limited = client.post(URL, {"token": token, "level": 5}, format="json")
    assert limited.status_code == 429 and "Retry-After" in limited
    assert not Rating.objects.exists()
    other = client.post(URL, {"token": token, "level": 5}, format="json", REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 201


def test_the_queries_of_a_rating(api, token, slow, chief, django_assert_max_num_queries):
    client = api()
    with django_assert_max_num_queries(26):
        assert (
            client.post(URL, {"token": token, "level": 2, "tags": [slow.pk]}, format="json").status_code
            == 201
        )
