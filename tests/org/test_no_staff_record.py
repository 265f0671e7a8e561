import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from tests.org.staff_pages import every_url


@pytest.fixture(autouse=True)
def _forget_content_types_made_in_the_test():
    # Opening every admin page makes content types (constance's settings page
    # makes its own) that the test's rollback removes, while Django's cache
    # keeps their ids for later tests.
    yield
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()


@pytest.fixture
def superuser_without_staff(db):
    return get_user_model().objects.create_superuser("root", "root@bureau.example", "x-pass-2026")


@pytest.fixture
def login_without_staff(db):
    return get_user_model().objects.create_user("nobody", "nobody@bureau.example", "x-pass-2026")


def answers(user):
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return {url: client.get(url).status_code for url in every_url()}


def test_the_url_list_reaches_the_staff_pages():
    urls = every_url()
    assert {"/cases/", "/inquiries/", "/notices/999999/", "/admin/", "/api/v1/cases/"} <= set(urls)


@pytest.mark.parametrize("who", ["superuser_without_staff", "login_without_staff"])
def test_no_page_answers_500_to_a_login_without_a_staff_record(db, request, who):
    failures = {url: status for url, status in answers(request.getfixturevalue(who)).items() if status >= 500}
    assert failures == {}


def test_a_staff_page_tells_a_login_without_a_staff_record_whom_to_ask(login_without_staff):
    client = Client()
    client.force_login(login_without_staff)
    response = client.get("/cases/")
    assert response.status_code == 403
    page = response.content.decode()
    assert "没有工作人员档案" in page
    assert "请系统管理员" in page
    assert 'href="/admin/org/staff/add/"' not in page


def test_a_superuser_without_a_staff_record_is_offered_to_create_it(superuser_without_staff):
    client = Client()
    client.force_login(superuser_without_staff)
    page = client.get("/").content.decode()
    assert "没有工作人员档案" in page
    assert 'href="/admin/org/staff/add/"' in page


def test_the_public_pages_and_the_admin_still_serve_a_login_without_a_staff_record(superuser_without_staff):
    client = Client()
    client.force_login(superuser_without_staff)
    assert client.get("/board/").status_code == 200
    assert client.get("/admin/").status_code == 200
    assert client.get("/inbox/").status_code == 200
    assert client.get("/calendar/").status_code == 200
    assert client.get("/api/v1/cases/").status_code == 403


def test_staff_pages_are_unchanged_for_staff(login, handler):
    assert "没有工作人员档案" not in login(handler).get("/cases/").content.decode()


def test_the_no_staff_record_page_is_answered_in_few_queries(
    login_without_staff, django_assert_max_num_queries
):
    client = Client()
    client.force_login(login_without_staff)
    with django_assert_max_num_queries(8):
        assert client.get("/inquiries/").status_code == 403


def test_signing_out_still_works_without_a_staff_record(login_without_staff):
    client = Client()
    client.force_login(login_without_staff)
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/cases/").status_code == 302
