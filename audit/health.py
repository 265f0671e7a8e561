from django.utils import timezone

from audit.jobs import VERIFY_JOB
from core.health import HealthResult
from core.models import JobRun


def audit_chain_check() -> HealthResult:
    """When the audit chain was last verified, and how it went (never counts as not ok)."""
    run = JobRun.objects.filter(name=VERIFY_JOB).first()
    if run is None or run.last_ok is None:
        return HealthResult(ok=False, detail="never verified: run manage.py verify_audit")
    finished = timezone.localtime(run.last_finished_at).isoformat() if run.last_finished_at else ""
    if run.last_ok:
        return HealthResult(ok=True, detail=f"passed at {finished}: {run.last_summary}")
    return HealthResult(ok=False, detail=f"FAILED at {finished}: {run.last_summary}")
