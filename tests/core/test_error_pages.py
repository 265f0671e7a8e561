"""403, 404, 500 and CSRF failure pages: in the site's frame, in Chinese, saying what to do."""

import io
import logging

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import PASSWORD

FRAME = "机关效能建设管理系统"  # base.html's brand, in the header and footer


@pytest.fixture
def request_log(caplog):
    caplog.set_level(logging.WARNING, logger="django.request")
    return caplog


def test_403_is_a_page_in_the_frame_with_the_menu_and_what_to_do(login, chief, request_log):
    client = login(chief)

    response = client.get(reverse("cases:overdue"))

    assert response.status_code == 403
    body = response.content.decode()
    assert "<title>无权访问 - 机关效能建设管理系统</title>" in body
    assert "您无权打开此页面" in body
    assert "请联系科室负责人或系统管理员" in body
    assert "科长李红" in body  # the user menu of the frame
    assert 'class="app-nav' in body  # the main navigation
    assert "Forbidden" not in body


def test_403_writes_one_log_line_and_no_traceback(login, chief, request_log):
    client = login(chief)

    client.get(reverse("cases:overdue"))

    records = [r for r in request_log.records if r.name == "django.request"]
    assert len(records) == 1
    assert records[0].getMessage() == "Forbidden (Permission denied): /cases/overdue/"
    # The filter drops the traceback before any handler formats it.
    assert records[0].exc_info is None
    assert "Traceback" not in request_log.text


def test_in_debug_the_console_shows_a_403_once_without_traceback(settings, login, chief):
    # DEBUG, as on a developer's machine: Django's own console handler for
    # "django" used to print the traceback a second time next to the root's.
    settings.DEBUG = True
    stream = io.StringIO()
    consoles = [
        handler
        for logger in (logging.getLogger(), logging.getLogger("django"))
        for handler in logger.handlers
        if type(handler) is logging.StreamHandler
    ]
    previous = [handler.setStream(stream) for handler in consoles]
    try:
        login(chief).get(reverse("cases:overdue"))
    finally:
        for handler, old in zip(consoles, previous, strict=True):
            handler.setStream(old)

    printed = stream.getvalue()
    assert printed.count("Forbidden (Permission denied): /cases/overdue/") == 1
    assert "Traceback" not in printed


def test_404_is_a_page_in_the_frame_in_chinese(login, chief):
    client = login(chief)

    response = client.get("/no-such-page/")

    assert response.status_code == 404
    body = response.content.decode()
    assert "<title>页面不存在 - 机关效能建设管理系统</title>" in body
    assert "请检查网址，或从首页重新进入" in body
    assert "科长李红" in body


def test_404_for_an_anonymous_visitor_is_the_same_page(client, db):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_api_404_stays_json(client, db):
    response = client.get("/api/v1/no-such-thing/")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


@pytest.mark.urls("tests.core.error_urls")
def test_500_page_is_in_the_frame_and_touches_no_database(chief, request_log):
    client = Client(raise_request_exception=False)
    client.force_login(chief.user)

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/boom/")

    assert response.status_code == 500
    body = response.content.decode()
    assert "<title>服务器错误 - 机关效能建设管理系统</title>" in body
    assert "系统出现错误" in body
    assert "请将发生时间和当时的操作告知系统管理员" in body
    # Rendered without the request: no user, no menu, no query of its own
    # (the only queries are the session, user and staff record the
    # middleware loaded before the view failed).
    assert "科长李红" not in body
    tables = [q["sql"].split(" FROM ")[1].split()[0] for q in queries.captured_queries]
    assert tables == ['"django_session"', '"auth_user"', '"org_staff"']
    # A real fault keeps its traceback in the log.
    assert any(r.exc_info for r in request_log.records if r.name == "django.request")


# --- CSRF failure ---------------------------------------------------------------


@pytest.fixture
def csrf_client(chief):
    client = Client(enforce_csrf_checks=True)
    client.force_login(chief.user)
    client.get(reverse("apitokens:mine"))  # sets the csrftoken cookie
    return client


def test_csrf_failure_shows_the_typed_text_again_in_a_fresh_form(csrf_client):
    url = reverse("apitokens:mine")

    response = csrf_client.post(url, {"name": "季度报表同步", "csrfmiddlewaretoken": "stale" * 8})

    assert response.status_code == 403
    body = response.content.decode()
    assert "<title>页面已过期 - 机关效能建设管理系统</title>" in body
    assert "页面已过期（您可能在别的标签页重新登录过），请检查后再提交一次" in body
    assert "科长李红" in body
    assert f'action="{url}"' in body
    assert 'name="name" value="季度报表同步"' in body
    # The fresh token lets the same text go through this time.
    token = response.context["csrf_token"]
    again = csrf_client.post(url, {"name": "季度报表同步", "csrfmiddlewaretoken": str(token)})
    assert again.status_code == 200
    assert "季度报表同步" in again.content.decode()


def test_csrf_failure_never_echoes_a_password(csrf_client):
    response = csrf_client.post(
        reverse("login"), {"username": "li", "password": PASSWORD, "new_password1": "s3cret-Xyz"}
    )

    body = response.content.decode()
    assert 'value="li"' in body
    assert PASSWORD not in body
    assert "s3cret-Xyz" not in body
    # Asked for again, empty.
    assert 'type="password" id="resubmit-2" name="password" autocomplete="off">' in body


def test_csrf_failure_escapes_what_was_posted(csrf_client):
    response = csrf_client.post(
        reverse("apitokens:mine"), {'"><script>alert(1)</script>': "</textarea><script>alert(2)</script>\n"}
    )

    body = response.content.decode()
    assert "<script>alert" not in body
    assert "&lt;/textarea&gt;&lt;script&gt;alert(2)&lt;/script&gt;" in body
    assert "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_csrf_failure_of_a_form_with_nothing_typed_says_what_to_do(csrf_client):
    response = csrf_client.post(reverse("logout"))

    assert response.status_code == 403
    body = response.content.decode()
    assert "请返回上一页，刷新后重新提交" in body
    assert 'data-testid="resubmit-form"' not in body


def test_csrf_failure_for_an_anonymous_visitor_keeps_the_username_and_the_next_page(chief):
    client = Client(enforce_csrf_checks=True)
    client.get(reverse("login"))
    url = reverse("login") + "?next=/cases/"
    username = chief.user.username

    response = client.post(url, {"username": username, "password": PASSWORD})

    assert response.status_code == 403
    body = response.content.decode()
    assert 'action="/accounts/login/?next=/cases/"' in body
    assert f'name="username" value="{username}"' in body
    assert PASSWORD not in body
    assert 'data-testid="user-menu"' not in body
    # Typing the password again and sending logs in and goes on to the page.
    token = str(response.context["csrf_token"])
    again = client.post(url, {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token})
    assert again.status_code == 302
    assert again["Location"] == "/cases/"


def test_error_pages_cost_no_more_queries_than_the_frame(login, chief, django_assert_max_num_queries):
    client = login(chief)
    # The frame's own: session, user, roles, staff record, unread messages,
    # the department in the user menu, the calendar banner.
    with django_assert_max_num_queries(7):
        assert client.get("/no-such-page/").status_code == 404
    # Plus the two of has_perm (the user's and the groups' permissions).
    with django_assert_max_num_queries(9):
        assert client.get(reverse("cases:overdue")).status_code == 403
