import pytest
from django.contrib.auth import get_user_model


def test_anonymous_is_sent_to_login(client, db):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_front_desk_sees_own_posts_but_not_section_or_system_panels(login, front_desk, handler):
    from tests.factories import PostFactory

    PostFactory(name="综合受理窗口", department=front_desk.department, a_holder=front_desk, b_holder=handler)
    page = login(front_desk).get("/").content.decode()
    assert "前台小王" in page
    assert "综合受理窗口" in page
    assert "org/panels/section" not in page
    assert 'data-panel="org.section"' not in page
    assert 'data-panel="org.system"' not in page


def test_chief_sees_the_section_panel(login, chief, handler, other_chief):
    from tests.factories import PostFactory

    PostFactory(name="许可审查岗", department=chief.department, a_holder=handler)
    PostFactory(name="监督检查岗", department=other_chief.department)
    page = login(chief).get("/").content.decode()
    assert 'data-panel="org.section"' in page
    assert "许可审查岗" in page
    assert "监督检查岗" not in page


def test_supervisor_sees_every_section(login, supervisor, other_department):
    page = login(supervisor).get("/").content.decode()
    assert 'data-panel="org.bureau"' in page
    assert other_department.name in page


def test_administrator_sees_the_system_panel(login, administrator):
    page = login(administrator).get("/").content.decode()
    assert 'data-panel="org.system"' in page


def test_a_login_without_staff_record_is_told_so(client, db):
    user = get_user_model().objects.create_user("orphan", password="x-pass-2026")
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 403
    assert "没有工作人员档案" in response.content.decode()


@pytest.mark.parametrize("fixture", ["front_desk", "handler", "chief", "supervisor", "administrator"])
def test_every_role_gets_its_home_in_few_queries(fixture, request, login, django_assert_max_num_queries):
    staff = request.getfixturevalue(fixture)
    client = login(staff)
    # Rule 4 adds to a chief's home: whom they cover (one), the cover panel (two) and the
    # section's uncovered posts (one); rule 6 the count of refusals waiting for review (one);
    # rule 7 everyone's own open cards (one; a supervisor's in the query of their desk's counts);
    # rule 8 the chief's poor ratings to follow up (one).
    with django_assert_max_num_queries(25 if fixture == "chief" else 21):
        assert client.get("/").status_code == 200


def test_only_the_most_specific_navigation_entry_is_current(login, chief):
    page = login(chief).get("/cases/section/")
    active = [item.url for item in page.context["nav_items"] if item.active]
    assert active == ["/cases/section/"]
