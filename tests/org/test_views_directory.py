import pytest
from django.contrib.auth import get_user_model

from tests.factories import PostFactory, StaffFactory


def test_anonymous_is_sent_to_login(client, db):
    assert client.get("/org/")["Location"].startswith("/accounts/login/")


def test_a_user_who_is_not_staff_is_refused(client, db):
    client.force_login(get_user_model().objects.create_user("visitor", password="x-pass-2026"))
    assert client.get("/org/").status_code == 403


@pytest.mark.parametrize("fixture", ["front_desk", "handler", "chief", "supervisor", "administrator"])
def test_every_role_may_read_the_directory(fixture, request, login):
    staff = request.getfixturevalue(fixture)
    response = login(staff).get("/org/")
    assert response.status_code == 200
    assert staff.name in response.content.decode()


def test_filters_by_department_and_role(login, supervisor, handler, other_chief, chief):
    client = login(supervisor)
    page = client.get("/org/", {"department": other_chief.department.pk}).content.decode()
    assert "科长赵强" in page
    assert "经办人老张" not in page
    page = client.get("/org/", {"role": "section_chief"}).content.decode()
    assert "科长赵强" in page and "科长李红" in page
    assert "经办人老张" not in page


def test_a_bad_filter_value_is_not_a_500(login, handler):
    response = login(handler).get("/org/", {"department": "not-a-number", "role": "king"})
    assert response.status_code == 200


def test_directory_list_uses_a_constant_number_of_queries(
    login, handler, department, django_assert_max_num_queries
):
    StaffFactory.create_batch(30, department=department, roles=["handler"])
    client = login(handler)
    with django_assert_max_num_queries(13):
        response = client.get("/org/")
    assert response.status_code == 200


def test_department_page_shows_posts_staff_and_history(login, handler, department):
    PostFactory(name="许可审查岗", department=department)
    page = login(handler).get(f"/org/departments/{department.code}/").content.decode()
    assert "许可审查岗" in page
    assert 'class="card history-panel' in page


def test_unknown_department_is_404(login, handler):
    assert login(handler).get("/org/departments/nowhere/").status_code == 404


def test_sections_are_listed_in_the_bureau_order(login, handler, department):
    from tests.factories import DepartmentFactory

    DepartmentFactory(name="办公室", code="zz-office", order=0)
    department.order = 5
    department.save(update_fields=["order"])
    names = [d.name for d in login(handler).get("/org/").context["departments"]]
    assert names.index("办公室") < names.index(department.name)
