from unittest import mock

from django.utils import timezone

from core.models import JobRun


def test_healthz_reports_database_broker_and_jobs(client, db):
    JobRun.objects.create(name="deliver_messages", last_finished_at=timezone.now(), last_ok=True)
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == "ok"
    assert body["broker"] == "ok"
    assert body["jobs"]["deliver_messages"]["last_ok"] is True
    assert body["jobs"]["deliver_messages"]["last_finished_at"].endswith("+08:00")


def test_healthz_is_503_when_the_broker_does_not_answer(client, db):
    with mock.patch("core.views.celery_app.connection_for_write", side_effect=ConnectionError("refused")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["broker"].startswith("ConnectionError")


def test_healthz_answers_get_only(client, db):
    assert client.post("/healthz").status_code == 405


def test_a_registered_check_is_reported_and_only_a_critical_failure_is_503(client, db, monkeypatch):
    from core import health

    registry = health.HealthRegistry()
    monkeypatch.setattr(health, "registry", registry)
    registry.register("calendar", lambda: health.HealthResult(ok=False, detail="2027 not entered"))
    body = client.get("/healthz").json()
    assert body["status"] == "ok"
    assert body["checks"]["calendar"]["ok"] is False
    registry.register("disk", lambda: health.HealthResult(ok=False, critical=True))
    assert client.get("/healthz").status_code == 503
