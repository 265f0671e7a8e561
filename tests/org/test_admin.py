from audit.models import AuditEvent
from org.models import Post
from tests.factories import PostFactory


def test_administrator_edits_a_department_and_the_change_is_audited(login, administrator, department):
    client = login(administrator)
    url = f"/admin/org/department/{department.pk}/change/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"name": "行政审批服务科", "code": department.code, "order": 0})
    assert response.status_code == 302, response.content.decode()[:2000]
    event = AuditEvent.objects.for_object(department).get()
    assert event.actor == administrator.user
    assert ("name", "行政审批科", "行政审批服务科") in event.changes()
    history = client.get(f"/admin/org/department/{department.pk}/history/").content.decode()
    assert "行政审批服务科" in history


def test_the_admin_refuses_a_new_post_held_twice_by_one_person(login, administrator, department, handler):
    client = login(administrator)
    response = client.post(
        "/admin/org/post/add/",
        {"department": department.pk, "name": "窗口受理岗", "a_holder": handler.pk, "b_holder": handler.pk},
    )
    assert response.status_code == 200
    assert "two different people" in response.content.decode() or "两个不同的人" in response.content.decode()
    assert not Post.objects.filter(name="窗口受理岗").exists()


def test_creating_a_post_in_the_admin_sets_its_first_holders(
    login, administrator, department, handler, chief
):
    response = login(administrator).post(
        "/admin/org/post/add/",
        {"department": department.pk, "name": "窗口受理岗", "a_holder": handler.pk, "b_holder": chief.pk},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    post = Post.objects.get(name="窗口受理岗")
    assert (post.a_holder, post.b_holder) == (handler, chief)


def test_the_admin_no_longer_changes_a_posts_holders_in_place(login, administrator, department, handler):
    post = PostFactory(department=department)
    holders = (post.a_holder_id, post.b_holder_id)
    client = login(administrator)
    page = client.get(f"/admin/org/post/{post.pk}/change/").content.decode()
    assert 'name="a_holder"' not in page and 'name="b_holder"' not in page
    response = client.post(
        f"/admin/org/post/{post.pk}/change/",
        {"department": department.pk, "name": "改名岗", "a_holder": handler.pk, "b_holder": handler.pk},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    post.refresh_from_db()
    assert post.name == "改名岗"
    assert (post.a_holder_id, post.b_holder_id) == holders


def test_staff_without_administrator_role_cannot_use_the_admin(login, chief):
    response = login(chief).get("/admin/org/department/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_audit_trail_is_read_only_in_the_admin(login, administrator, department):
    from django.db import transaction

    from audit.services import record_event

    with transaction.atomic():
        event = record_event(actor=administrator.user, verb="x", subject=department)
    client = login(administrator)
    assert client.get("/admin/audit/auditevent/").status_code == 200
    page = client.get(f"/admin/audit/auditevent/{event.pk}/change/").content.decode()
    assert 'name="_save"' not in page
    assert client.post(f"/admin/audit/auditevent/{event.pk}/delete/", {"post": "yes"}).status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_administrator_may_edit_the_bureau_settings(login, administrator, chief):
    client = login(administrator)
    page = client.get("/admin/constance/config/")
    assert page.status_code == 200
    assert "CASE_REMIND_BEFORE_WD" in page.content.decode()
    assert login(chief).get("/admin/constance/config/").status_code == 302


def test_deleting_departments_in_bulk_leaves_an_event_for_each(login, administrator):
    from org.models import Department

    empty = [Department.objects.create(name=f"临时科室{n}", code=f"tmp{n}") for n in range(3)]
    response = login(administrator).post(
        "/admin/org/department/",
        {"action": "delete_selected", "_selected_action": [d.pk for d in empty], "post": "yes"},
    )
    assert response.status_code == 302
    assert not Department.objects.filter(code__startswith="tmp").exists()
    events = AuditEvent.objects.filter(verb="admin.delete")
    assert sorted(e.before["code"] for e in events) == ["tmp0", "tmp1", "tmp2"]
    assert {e.actor_id for e in events} == {administrator.user.pk}
