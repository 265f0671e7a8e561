"""posts/ (rule 4): each post's holders, who answers for it now, and whether it is uncovered."""

import pytest
import time_machine
from django.contrib.auth import get_user_model

from tests.abpositions.conftest import at
from tests.factories import PostFactory


@pytest.fixture(autouse=True)
def now():
    with time_machine.travel(at("2026-12-08 14:00"), tick=False):
        yield


@pytest.mark.parametrize("path", ["/api/v1/posts/", "/api/v1/posts/{id}/"])
def test_no_credentials_is_401(api, post, path):
    assert api().get(path.format(id=post.pk)).status_code == 401


@pytest.mark.parametrize("path", ["/api/v1/posts/", "/api/v1/posts/{id}/"])
def test_a_user_who_is_not_staff_is_403(post, path):
    from rest_framework.test import APIClient

    from apitokens.models import ApiToken

    user = get_user_model().objects.create_user("outsider", password="x-pass-2026")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {ApiToken.objects.create(user=user, name='tests')[1]}")
    assert client.get(path.format(id=post.pk)).status_code == 403


def test_posts_are_read_only(api, administrator, post):
    assert api(administrator).post("/api/v1/posts/", {"name": "新岗"}).status_code == 405
    assert api(administrator).delete(f"/api/v1/posts/{post.pk}/").status_code == 405


def test_a_missing_post_is_404(api, handler):
    assert api(handler).get("/api/v1/posts/999999/").status_code == 404


def test_with_nobody_away_a_answers(api, handler, post, a_holder, b_holder):
    item = api(handler).get(f"/api/v1/posts/{post.pk}/").json()
    assert (item["a_holder"], item["b_holder"]) == (a_holder.pk, b_holder.pk)
    assert (item["covered_by"], item["uncovered"]) == (a_holder.pk, False)


def test_while_a_is_away_b_answers(api, handler, post, a_holder, b_holder, away):
    away(a_holder, "2026-12-08 09:00", "2026-12-08 18:00")
    item = api(handler).get(f"/api/v1/posts/{post.pk}/").json()
    assert (item["covered_by"], item["uncovered"]) == (b_holder.pk, False)


def test_both_away_the_post_is_uncovered_and_the_chief_answers(
    api, handler, chief, post, a_holder, b_holder, away
):
    away(a_holder, "2026-12-08 09:00", "2026-12-08 18:00")
    away(b_holder, "2026-12-08 13:59", "2026-12-08 18:00")
    item = api(handler).get(f"/api/v1/posts/{post.pk}/").json()
    assert (item["covered_by"], item["uncovered"]) == (chief.pk, True)


def test_the_chief_away_too_the_post_is_covered_by_nobody(
    api, handler, chief, post, a_holder, b_holder, away
):
    for person in (a_holder, b_holder, chief):
        away(person, "2026-12-08 09:00", "2026-12-08 18:00")
    item = api(handler).get(f"/api/v1/posts/{post.pk}/").json()
    assert (item["covered_by"], item["uncovered"]) == (None, True)


def test_a_named_cover_answers_and_the_post_is_covered(
    api, handler, post, a_holder, b_holder, make_staff, away
):
    colleague = make_staff(name="同事王五")
    away(a_holder, "2026-12-08 09:00", "2026-12-08 18:00", cover=colleague)
    away(b_holder, "2026-12-08 09:00", "2026-12-08 18:00")
    item = api(handler).get(f"/api/v1/posts/{post.pk}/").json()
    assert (item["covered_by"], item["uncovered"]) == (colleague.pk, False)


def test_the_list_answers_for_every_post_at_once(
    api, handler, chief, department, post, a_holder, b_holder, away, django_assert_max_num_queries
):
    away(a_holder, "2026-12-08 09:00", "2026-12-08 18:00")
    away(b_holder, "2026-12-08 09:00", "2026-12-08 18:00")
    others = [PostFactory(department=department) for _ in range(8)]
    for other in others[:4]:
        away(other.a_holder, "2026-12-08 09:00", "2026-12-08 18:00")
    client = api(handler)
    with django_assert_max_num_queries(10):
        body = client.get("/api/v1/posts/", {"department": department.pk}).json()
    rows = {row["id"]: row for row in body["results"]}
    assert body["count"] == 9
    assert (rows[post.pk]["covered_by"], rows[post.pk]["uncovered"]) == (chief.pk, True)
    for other in others[:4]:
        assert (rows[other.pk]["covered_by"], rows[other.pk]["uncovered"]) == (other.b_holder_id, False)
    for other in others[4:]:
        assert (rows[other.pk]["covered_by"], rows[other.pk]["uncovered"]) == (other.a_holder_id, False)
