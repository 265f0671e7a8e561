from celery import current_app as celery_app
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from core import health
from core.jobs import registry
from core.models import JobRun


def _local_iso(moment) -> str | None:
    return timezone.localtime(moment).isoformat() if moment else None


def _database_ok() -> tuple[bool, str]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:
        return False, f"{type(exc).__name__}: {exc}"
    return True, "ok"


def _broker_ok() -> tuple[bool, str]:
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as exc:
        return False, f"{type(exc).__name__}: {exc}"
    return True, "ok"


# Held by the administrators' group (and every superuser): only they see the
# details, which can carry internal text (hosts, ports, exception messages).
DETAILS_PERMISSION = "core.view_jobrun"


def _ok_or_error(ok: bool | None) -> str:
    return "never" if ok is None else ("ok" if ok else "error")


@never_cache
@require_GET
def healthz(request):
    """For the bureau's monitoring: 200 when the database and broker answer.

    Everyone sees the status and each component's ok or error; an
    administrator also sees the details."""
    db_ok, db_detail = _database_ok()
    broker_ok, broker_detail = _broker_ok()
    runs = {run.name: run for run in JobRun.objects.all()} if db_ok else {}
    jobs = {}
    for name in registry.names():
        run = runs.get(name)
        jobs[name] = {
            "last_started_at": _local_iso(run.last_started_at if run else None),
            "last_finished_at": _local_iso(run.last_finished_at if run else None),
            "last_ok": run.last_ok if run else None,
        }
    ok = db_ok and broker_ok
    checks = {}
    for name, check in health.registry.items() if db_ok else []:
        result = check()
        checks[name] = {"ok": result.ok, "detail": result.detail}
        ok = ok and (result.ok or not result.critical)
    status = 200 if ok else 503
    if not (db_ok and request.user.has_perm(DETAILS_PERMISSION)):
        return JsonResponse(
            {
                "status": "ok" if ok else "error",
                "database": _ok_or_error(db_ok),
                "broker": _ok_or_error(broker_ok),
                "jobs": {name: _ok_or_error(job["last_ok"]) for name, job in jobs.items()},
                "checks": {name: _ok_or_error(check["ok"]) for name, check in checks.items()},
            },
            status=status,
        )
    body = {
        "status": "ok" if ok else "error",
        "database": db_detail,
        "broker": broker_detail,
        "jobs": jobs,
        "checks": checks,
    }
    return JsonResponse(body, status=status)
