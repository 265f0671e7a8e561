from datetime import timedelta

import pytest
from django.utils import timezone

from audit.models import AuditEvent
from commitments.models import BoardText, Breach
from commitments.services import MaterialSpec, breach_record, service_item_create
from org.roles import Role


@pytest.fixture
def admin_client(login, administrator):
    return login(administrator)


def test_a_fresh_migrate_gives_the_administrator_the_catalogue_permissions(db):
    from django.contrib.auth.models import Group

    codenames = set(
        Group.objects.get(name=Role.ADMINISTRATOR)
        .permissions.filter(content_type__app_label="commitments")
        .values_list("codename", flat=True)
    )
    assert {"view_serviceitem", "change_boardtext"} <= codenames
    # Breaches are personnel matters for supervisors and chiefs, not for the system's keeper.
    assert "view_breach" not in codenames


@pytest.fixture
def item(administrator, department):
    return service_item_create(
        actor=administrator.user,
        code="SP-001",
        department=department,
        content={"name": "食品经营许可（新办）", "basis": "《食品安全法》第三十五条", "committed_days": 10},
        materials=[MaterialSpec("食品经营许可申请书"), MaterialSpec("营业执照", form="copy")],
    )


@pytest.fixture
def board_text(db):
    return BoardText.objects.create(
        kind=BoardText.Kind.BREACH, title="违诺责任", body="工作人员违反服务承诺的，予以批评教育。"
    )


@pytest.fixture
def breach(supervisor, handler):
    return breach_record(
        actor=supervisor.user,
        staff=handler,
        occurred_on=timezone.localdate() - timedelta(days=1),
        promised="承诺当场办结",
        happened="让群众第二天再来",
    )


def test_administrator_views_service_items_with_their_versions_and_materials(admin_client, item):
    client = admin_client
    assert "食品经营许可（新办）" in client.get("/admin/commitments/serviceitem/").content.decode()
    page = client.get(f"/admin/commitments/serviceitem/{item.pk}/change/").content.decode()
    assert "食品经营许可（新办）" in page
    assert 'name="_save"' not in page
    version_page = client.get(f"/admin/commitments/serviceitemversion/{item.current_id}/change/")
    assert version_page.status_code == 200
    assert "营业执照" in version_page.content.decode()
    assert 'name="_save"' not in version_page.content.decode()


def test_the_catalogue_cannot_be_changed_in_the_admin(admin_client, item):
    client = admin_client
    assert client.get("/admin/commitments/serviceitem/add/").status_code == 403
    assert (
        client.post(f"/admin/commitments/serviceitem/{item.pk}/delete/", {"post": "yes"}).status_code == 403
    )
    assert client.get("/admin/commitments/serviceitemversion/add/").status_code == 403


def test_administrator_edits_a_board_text_and_the_change_is_audited(admin_client, administrator, board_text):
    client = admin_client
    url = f"/admin/commitments/boardtext/{board_text.pk}/change/"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {"kind": "breach", "title": "违诺责任", "body": "违反服务承诺的，按效能问责办法处理。", "order": 3},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    board_text.refresh_from_db()
    assert board_text.body == "违反服务承诺的，按效能问责办法处理。"
    event = AuditEvent.objects.for_object(board_text).get()
    assert event.actor == administrator.user
    assert event.verb == "admin.change"
    assert (
        "body",
        "工作人员违反服务承诺的，予以批评教育。",
        "违反服务承诺的，按效能问责办法处理。",
    ) in event.changes()


def test_administrator_adds_a_board_text(admin_client):
    response = admin_client.post(
        "/admin/commitments/boardtext/add/",
        {"kind": "complaints", "title": "投诉渠道", "body": "效能投诉电话 0571-12345", "order": 4},
    )
    assert response.status_code == 302
    text = BoardText.objects.get(kind="complaints")
    assert AuditEvent.objects.for_object(text).get().verb == "admin.create"


def test_the_administrator_role_does_not_read_breaches_in_the_admin(admin_client, breach):
    assert admin_client.get("/admin/commitments/breach/").status_code == 403


def test_breaches_are_read_only_in_the_admin_even_for_a_superuser(client, breach):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.create_superuser("root", password="root-pass-2026"))
    assert breach.staff.name in client.get("/admin/commitments/breach/").content.decode()
    change_url = f"/admin/commitments/breach/{breach.pk}/change/"
    page = client.get(change_url).content.decode()
    assert "让群众第二天再来" in page
    assert 'name="_save"' not in page
    assert client.get("/admin/commitments/breach/add/").status_code == 403
    assert client.post(change_url, {"happened": "改过了"}).status_code == 403
    assert client.post(f"/admin/commitments/breach/{breach.pk}/delete/", {"post": "yes"}).status_code == 403
    breach.refresh_from_db()
    assert breach.happened == "让群众第二天再来"
    assert Breach.objects.count() == 1


@pytest.mark.parametrize("role", ["chief", "supervisor", "handler"])
def test_staff_without_the_administrator_role_cannot_use_the_admin(role, request, login):
    response = login(request.getfixturevalue(role)).get("/admin/commitments/serviceitem/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
