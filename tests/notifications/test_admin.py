"""Notice failures in the admin: a register a supervisor reads and nobody edits."""

from django.contrib.auth.models import Group

from notifications.models import NoticeFailure
from notifications.services import Demand, notice_record_visit
from org.roles import Role


def test_a_fresh_migrate_lets_supervisors_read_the_failures_and_administrators_not(db):
    def codenames(role):
        return set(
            Group.objects.get(name=role)
            .permissions.filter(content_type__app_label="notifications")
            .values_list("codename", flat=True)
        )

    assert codenames(Role.SUPERVISOR) == {"view_noticefailure"}
    assert codenames(Role.ADMINISTRATOR) == set()


def test_a_failure_is_read_never_changed_in_the_admin(login, make_staff, notice, chief):
    notice_record_visit(
        actor=chief.user, notice=notice, demanded=[Demand(name="房屋租赁合同")], override_reason="租赁场所"
    )
    failure = NoticeFailure.objects.get()
    keeper = make_staff(Role.SUPERVISOR)
    keeper.user.is_staff = True
    keeper.user.save(update_fields=["is_staff"])
    client = login(keeper)
    assert client.get("/admin/notifications/noticefailure/").status_code == 200
    page = client.get(f"/admin/notifications/noticefailure/{failure.pk}/change/")
    assert page.status_code == 200
    assert "房屋租赁合同" in page.content.decode()
    assert client.get("/admin/notifications/noticefailure/add/").status_code == 403
    response = client.post(f"/admin/notifications/noticefailure/{failure.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert NoticeFailure.objects.filter(pk=failure.pk).exists()
