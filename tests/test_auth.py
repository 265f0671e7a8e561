import pytest

from tests.factories import PASSWORD


@pytest.fixture(autouse=True)
def _axes_on(settings):
    settings.AXES_ENABLED = True


def _login(client, username, password):
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_login_with_the_right_password_lands_on_home(client, front_desk):
    response = _login(client, front_desk.user.username, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_a_wrong_password_shows_the_form_again_with_an_error(client, front_desk):
    response = _login(client, front_desk.user.username, "wrong")
    assert response.status_code == 200
    assert response.context["form"].errors
    assert "_auth_user_id" not in client.session


def test_five_wrong_passwords_lock_the_account_from_that_address(client, front_desk):
    for _ in range(5):
        _login(client, front_desk.user.username, "guess")
    response = _login(client, front_desk.user.username, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lockout_also_guards_the_api_token(api, front_desk, settings):
    client = api()
    for _ in range(5):
        client.post("/api/v1/auth/token/", {"username": front_desk.user.username, "password": "guess"})
    response = client.post(
        "/api/v1/auth/token/", {"username": front_desk.user.username, "password": PASSWORD}
    )
    # Locked out: even the right password gets no token, and is told why and for how long.
    assert response.status_code == 429
    assert int(response["Retry-After"]) == settings.AXES_COOLOFF_TIME.total_seconds()
    assert "token" not in response.json()


def test_logout_needs_post(login, front_desk):
    client = login(front_desk)
    assert client.get("/accounts/logout/").status_code == 405
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/")["Location"].startswith("/accounts/login/")


def test_a_forged_forwarded_for_does_not_escape_the_login_lockout(client, front_desk, settings):
    settings.TRUSTED_PROXIES = 0
    for i in range(5):
        client.post(
            "/accounts/login/",
            {"username": front_desk.user.username, "password": "guess"},
            HTTP_X_FORWARDED_FOR=f"192.0.2.{i + 1}",
        )
    response = client.post(
        "/accounts/login/",
        {"username": front_desk.user.username, "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="192.0.2.99",
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
