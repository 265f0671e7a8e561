import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction

from audit.models import AuditEvent
from org.roles import ROLE_PERMISSIONS, Role, grantable_roles, roles_of
from org.services import staff_set_roles


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("root", "root@bureau.example", "x-pass-2026")


def staff_form(staff, roles):
    return {
        "user": staff.user.pk,
        "name": staff.name,
        "employee_number": staff.employee_number,
        "department": staff.department_id,
        "title": staff.title,
        "rank": staff.rank,
        "duties": staff.duties,
        "phone_extension": staff.phone_extension,
        "shown_on_board": "on",
        "roles": roles,
    }


def fresh_roles(staff):
    return roles_of(get_user_model().objects.get(pk=staff.user.pk))


# --- The login admin -------------------------------------------------------------


def test_the_administrator_is_offered_no_superuser_admin_access_groups_or_permissions(login, administrator):
    page = login(administrator).get(f"/admin/auth/user/{administrator.user.pk}/change/").content.decode()
    assert 'name="email"' in page
    for field in ("is_superuser", "is_staff", "groups", "user_permissions"):
        assert f'name="{field}"' not in page


def test_the_administrator_cannot_make_itself_superuser(login, administrator):
    user = administrator.user
    response = login(administrator).post(
        f"/admin/auth/user/{user.pk}/change/",
        {
            "username": user.username,
            "email": "chen@bureau.example",
            "is_active": "on",
            "is_superuser": "on",
            "user_permissions": [1, 2, 3],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user.refresh_from_db()
    assert user.email == "chen@bureau.example"
    assert not user.is_superuser
    assert not user.user_permissions.exists()
    event = AuditEvent.objects.for_object(user).get()
    assert event.after["email"] == "chen@bureau.example"
    assert "password" not in event.after


def test_the_administrator_cannot_edit_or_reset_a_superuser(login, administrator, superuser):
    client = login(administrator)
    assert client.get(f"/admin/auth/user/{superuser.pk}/change/").status_code == 200
    page = client.get(f"/admin/auth/user/{superuser.pk}/change/").content.decode()
    assert 'name="_save"' not in page
    response = client.post(
        f"/admin/auth/user/{superuser.pk}/password/",
        {"password1": "taken-over-2026", "password2": "taken-over-2026"},
    )
    assert response.status_code == 403
    superuser.refresh_from_db()
    assert superuser.check_password("x-pass-2026")


def test_the_administrator_cannot_reset_the_password_of_a_supervisor(login, administrator, supervisor):
    response = login(administrator).post(
        f"/admin/auth/user/{supervisor.user.pk}/password/",
        {"password1": "taken-over-2026", "password2": "taken-over-2026"},
    )
    assert response.status_code == 403


def test_the_administrator_resets_a_handlers_password(login, administrator, handler):
    response = login(administrator).post(
        f"/admin/auth/user/{handler.user.pk}/password/",
        {"password1": "new-pass-for-2026", "password2": "new-pass-for-2026"},
    )
    assert response.status_code == 302
    handler.user.refresh_from_db()
    assert handler.user.check_password("new-pass-for-2026")


def test_no_role_may_read_api_tokens(administrator):
    token_apps = {"authtoken", "knox"}
    assert not [
        code for codes in ROLE_PERMISSIONS.values() for code in codes if code.split(".")[0] in token_apps
    ]
    assert not administrator.user.has_perm("authtoken.view_tokenproxy")
    assert not administrator.user.has_perm("authtoken.view_token")


# --- Roles on the staff page -------------------------------------------------------


def test_the_administrator_gives_a_role_on_the_staff_page_and_it_is_audited(login, administrator, front_desk):
    response = login(administrator).post(
        f"/admin/org/staff/{front_desk.pk}/change/", staff_form(front_desk, [Role.FRONT_DESK, Role.HANDLER])
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert fresh_roles(front_desk) == {Role.FRONT_DESK, Role.HANDLER}
    event = AuditEvent.objects.get(verb="staff.roles")
    assert event.actor == administrator.user
    assert event.before == {"roles": [Role.FRONT_DESK]}
    assert event.after == {"roles": [Role.FRONT_DESK, Role.HANDLER]}


def test_the_staff_page_offers_only_the_roles_the_administrator_may_give(login, administrator, handler):
    page = login(administrator).get(f"/admin/org/staff/{handler.pk}/change/").content.decode()
    assert 'value="handler"' in page
    assert 'value="administrator"' in page
    assert 'value="supervisor"' not in page


def test_the_administrator_cannot_make_anyone_a_supervisor(login, administrator):
    response = login(administrator).post(
        f"/admin/org/staff/{administrator.pk}/change/",
        staff_form(administrator, [Role.ADMINISTRATOR, Role.SUPERVISOR]),
    )
    assert response.status_code == 200
    assert fresh_roles(administrator) == {Role.ADMINISTRATOR}
    assert not AuditEvent.objects.filter(verb="staff.roles").exists()


def test_a_role_the_administrator_may_not_give_is_kept_when_it_edits_the_record(
    login, administrator, supervisor
):
    client = login(administrator)
    page = client.get(f"/admin/org/staff/{supervisor.pk}/change/").content.decode()
    assert "只有超级用户可以更改" in page
    response = client.post(
        f"/admin/org/staff/{supervisor.pk}/change/", staff_form(supervisor, [Role.HANDLER])
    )
    assert response.status_code == 302
    assert fresh_roles(supervisor) == {Role.SUPERVISOR, Role.HANDLER}


def test_admin_access_comes_and_goes_with_the_administrator_role(login, administrator, handler):
    client = login(administrator)
    client.post(
        f"/admin/org/staff/{handler.pk}/change/", staff_form(handler, [Role.HANDLER, Role.ADMINISTRATOR])
    )
    handler.user.refresh_from_db()
    assert handler.user.is_staff
    client.post(f"/admin/org/staff/{handler.pk}/change/", staff_form(handler, [Role.HANDLER]))
    handler.user.refresh_from_db()
    assert not handler.user.is_staff
    assert AuditEvent.objects.filter(verb="staff.roles").count() == 2


def test_a_superuser_makes_a_supervisor(client, superuser, handler):
    client.force_login(superuser)
    response = client.post(f"/admin/org/staff/{handler.pk}/change/", staff_form(handler, [Role.SUPERVISOR]))
    assert response.status_code == 302
    assert fresh_roles(handler) == {Role.SUPERVISOR}


def test_only_a_superuser_may_give_every_role(administrator, chief, superuser):
    assert grantable_roles(superuser) == set(Role.values)
    assert grantable_roles(administrator.user) == {
        Role.FRONT_DESK,
        Role.HANDLER,
        Role.SECTION_CHIEF,
        Role.ADMINISTRATOR,
    }
    assert grantable_roles(chief.user) == set()


def test_the_service_refuses_a_role_the_actor_may_not_give(administrator, handler):
    with pytest.raises(PermissionDenied):
        staff_set_roles(actor=administrator.user, staff=handler, roles={Role.HANDLER, Role.SUPERVISOR})
    with pytest.raises(PermissionDenied), transaction.atomic():
        staff_set_roles(actor=handler.user, staff=handler, roles={Role.HANDLER, Role.ADMINISTRATOR})
    assert fresh_roles(handler) == {Role.HANDLER}


def test_staff_without_the_administrator_role_cannot_open_the_staff_page(login, chief, handler):
    assert login(chief).get(f"/admin/org/staff/{handler.pk}/change/").status_code == 302


def test_a_new_staff_record_gets_its_roles_on_the_add_page(login, administrator, department):
    user = get_user_model().objects.create_user("xinren", password="x-pass-2026")
    response = login(administrator).post(
        "/admin/org/staff/add/",
        {
            "user": user.pk,
            "name": "新人",
            "employee_number": "N0001",
            "department": department.pk,
            "rank": 2,
            "shown_on_board": "on",
            "roles": [Role.FRONT_DESK],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert roles_of(get_user_model().objects.get(pk=user.pk)) == {Role.FRONT_DESK}
    assert AuditEvent.objects.filter(verb="staff.roles", actor=administrator.user).count() == 1
