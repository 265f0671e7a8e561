"""/account/tokens/: a user's own API tokens; a new one is shown once."""

from django.contrib.auth import get_user_model
from django.utils import timezone
from knox.crypto import hash_token

from apitokens.models import ApiToken
from audit.models import AuditEvent

URL = "/account/tokens/"
QUERIES = 8  # the shell, the calendar banner (Dec.-Jan.) and one list query, however many tokens


def revoke_url(token):
    return f"{URL}{token.pk}/revoke/"


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert client.post(URL, {"name": "x"})["Location"].startswith("/accounts/login/")
    assert not ApiToken.objects.exists()


def test_the_user_menu_links_to_the_page(login, front_desk):
    assert f'href="{URL}"' in login(front_desk).get("/").content.decode()


def test_create_shows_the_token_once_and_keeps_only_its_hash(login, handler, django_assert_max_num_queries):
    client = login(handler)
    response = client.post(URL, {"name": "报表系统"})
    assert response.status_code == 200
    secret = response.context["new_token"]
    page = response.content.decode()
    assert secret in page and "报表系统" in page
    token = ApiToken.objects.get(user=handler.user, name="报表系统")
    assert token.digest == hash_token(secret)
    assert token.digest not in page
    event = AuditEvent.objects.get(verb="api_token.create", subject_id=str(token.pk))
    assert event.actor == handler.user
    # Never again: the list shows the name, not the token.
    with django_assert_max_num_queries(QUERIES):
        later = client.get(URL).content.decode()
    assert "报表系统" in later and secret not in later and token.digest not in later


def test_a_token_needs_a_name(login, handler):
    response = login(handler).post(URL, {"name": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["name"]
    assert not ApiToken.objects.exists()


def test_lists_only_the_users_own_tokens_with_their_expiry(
    login, handler, chief, django_assert_max_num_queries
):
    for n in range(5):
        ApiToken.objects.create(user=handler.user, name=f"我的令牌{n}")
    ApiToken.objects.create(user=chief.user, name="科长的令牌")
    client = login(handler)
    with django_assert_max_num_queries(QUERIES):
        response = client.get(URL)
    page = response.content.decode()
    assert all(f"我的令牌{n}" in page for n in range(5)) and "科长的令牌" not in page
    token = response.context["tokens"][0]
    assert timezone.localtime(token.expiry).strftime("%Y-%m-%d %H:%M") in page


def test_the_owner_revokes_a_token_and_it_stops_working(login, api, handler):
    token, secret = ApiToken.objects.create(user=handler.user, name="旧系统")
    response = login(handler).post(revoke_url(token))
    assert response.status_code == 302
    assert not ApiToken.objects.filter(pk=token.pk).exists()
    event = AuditEvent.objects.get(verb="api_token.revoke", subject_id=str(token.pk))
    assert event.actor == handler.user and event.before["name"] == "旧系统"
    assert token.digest not in str(event.before)
    client = api()
    client.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    assert client.get("/api/v1/departments/").status_code == 401


def test_revoke_needs_post(login, handler):
    token, _secret = ApiToken.objects.create(user=handler.user, name="x")
    assert login(handler).get(revoke_url(token)).status_code == 405
    assert ApiToken.objects.filter(pk=token.pk).exists()


def test_someone_elses_token_is_not_found(login, handler, chief):
    token, _secret = ApiToken.objects.create(user=chief.user, name="科长的令牌")
    assert login(handler).post(revoke_url(token)).status_code == 404
    assert ApiToken.objects.filter(pk=token.pk).exists()


def test_a_login_without_a_staff_record_has_tokens_too(client, db):
    user = get_user_model().objects.create_user("system-account", password="x-pass-2026")
    client.force_login(user)
    assert client.post(URL, {"name": "对接"}).status_code == 200
    assert ApiToken.objects.filter(user=user).count() == 1
