from celery.schedules import crontab

from audit.chain import verify_chain
from core.jobs import periodic_job

VERIFY_JOB = "verify_audit"


class AuditChainBroken(Exception):
    pass


@periodic_job(VERIFY_JOB, every=crontab(hour=2, minute=17))
def verify_audit() -> str:
    """Walk the audit chain and fail naming the first event changed, deleted or
    inserted outside the system."""
    report = verify_chain()
    if not report.ok:
        raise AuditChainBroken(report.problem)
    return f"{report.checked} events verified; head seq {report.head_seq}, hash {report.head_hash}"
