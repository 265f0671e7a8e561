from unittest import mock

from django.contrib.auth import get_user_model
from django.utils import timezone

from core.models import JobRun

BROKER_DOWN = "Error 111 connecting to 127.0.0.1:6390. Connection refused."


def _broker_down():
    return mock.patch("core.views.celery_app.connection_for_write", side_effect=ConnectionError(BROKER_DOWN))


def test_anyone_gets_the_status_and_each_component_as_ok_or_error(client, db):
    JobRun.objects.create(name="deliver_messages", last_finished_at=timezone.now(), last_ok=True)
    JobRun.objects.create(name="case_flag_overdue", last_finished_at=timezone.now(), last_ok=False)
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == "ok"
    assert body["broker"] == "ok"
    assert body["jobs"]["deliver_messages"] == "ok"
    assert body["jobs"]["case_flag_overdue"] == "error"
    assert body["jobs"]["inquiry_flag_unowned"] == "never"
    assert body["checks"]["audit_chain"] == "error"  # never verified yet


def test_an_anonymous_caller_is_not_told_the_internal_error_text(client, db):
    with _broker_down():
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "error"
    assert response.json()["broker"] == "error"
    assert b"6390" not in response.content
    assert b"ConnectionError" not in response.content


def test_a_staff_member_who_is_not_an_administrator_gets_no_details_either(client, db, login, supervisor):
    login(supervisor)
    with _broker_down():
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["broker"] == "error"
    assert b"6390" not in response.content


def test_an_administrator_gets_the_details(client, db, login, administrator):
    JobRun.objects.create(name="deliver_messages", last_finished_at=timezone.now(), last_ok=True)
    login(administrator)
    with _broker_down():
        response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["broker"] == f"ConnectionError: {BROKER_DOWN}"
    assert body["database"] == "ok"
    assert body["jobs"]["deliver_messages"]["last_ok"] is True
    assert body["jobs"]["deliver_messages"]["last_finished_at"].endswith("+08:00")
    assert body["checks"]["audit_chain"] == {
        "ok": False,
        "detail": "never verified: run manage.py verify_audit",
    }


def test_a_superuser_gets_the_details(client, db):
    user = get_user_model().objects.create_superuser("root", "root@bureau.example", "x")
    client.force_login(user)
    with _broker_down():
        body = client.get("/healthz").json()
    assert body["broker"].startswith("ConnectionError")


def test_healthz_answers_get_only(client, db):
    assert client.post("/healthz").status_code == 405


def test_healthz_queries_are_bounded(client, db, login, administrator, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        assert client.get("/healthz").status_code == 200
    login(administrator)
    # The login's session and roles, then one query a registered check.
    with django_assert_max_num_queries(10):
        assert client.get("/healthz").status_code == 200


def test_a_registered_check_is_reported_and_only_a_critical_failure_is_503(
    client, db, monkeypatch, login, administrator
):
    from core import health

    registry = health.HealthRegistry()
    monkeypatch.setattr(health, "registry", registry)
    registry.register("calendar", lambda: health.HealthResult(ok=False, detail="2027 not entered"))
    body = client.get("/healthz").json()
    assert body["status"] == "ok"
    assert body["checks"] == {"calendar": "error"}
    login(administrator)
    assert client.get("/healthz").json()["checks"]["calendar"] == {"ok": False, "detail": "2027 not entered"}
    registry.register("disk", lambda: health.HealthResult(ok=False, critical=True))
    assert client.get("/healthz").status_code == 503
