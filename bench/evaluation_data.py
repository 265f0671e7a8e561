"""Rule 8's ratings, added to the bench's ten years of cases: what the
evaluation's figures count besides the cases themselves.

Of the completed cases, every one completed more than seven days ago has its
one rating (the default job gives the rest 基本满意): about 72 % rated by the
applicant within three days of completion, 28 % the default, rated seven days
after it. Of the cases completed in the last seven days, 60 % are rated. The
applicants' levels: 55 % 非常满意, 30 % 满意, 11 % 基本满意, 2.5 % 不满意,
1.5 % 非常不满意, so about 4 % of the active ratings (3 % of all) are poor.
Each poor rating has its follow-up: one in ten excluded on appeal, the rest
called back and fixed (the last month's partly still open).

The rows are written by ``INSERT ... SELECT`` on PostgreSQL, the choices
drawn from a hash of the case's id (fixed, so every build is the same):
what is measured is the figures reading them, not the services writing them.
"""

from django.db import connection, transaction

from evaluation.models import FollowUp, Rating


def u(name: str) -> str:
    """A number 0..999 drawn from the case's id, independent for each ``name``."""
    return f"(abs(hashtext(c.id::text || '{name}')) %% 1000)"


LEVEL = (
    f"CASE WHEN {u('level')} < 550 THEN 5 WHEN {u('level')} < 850 THEN 4 "
    f"WHEN {u('level')} < 960 THEN 3 WHEN {u('level')} < 985 THEN 2 ELSE 1 END"
)
CHANNEL = f"(ARRAY['qr', 'sms', 'web', 'device'])[1 + {u('channel')} %% 4]"

RATINGS = f"""
INSERT INTO evaluation_rating
    (case_id, level, reason, channel, is_default, rated_at, staff_id, department_id, named, excluded)
SELECT c.id,
       CASE WHEN active THEN {LEVEL} ELSE 3 END,
       CASE WHEN active AND {LEVEL} <= 2 THEN '办理时间长，多次补交材料' ELSE '' END,
       CASE WHEN active THEN {CHANNEL} ELSE 'default' END,
       NOT active,
       CASE WHEN active THEN c.completed_at + ({u("hours")} %% 72) * INTERVAL '1 hour'
            ELSE c.completed_at + INTERVAL '7 days' END,
       c.handler_id, c.department_id,
       c.applicant_name <> '' AND c.applicant_phone <> '',
       active AND {LEVEL} <= 2 AND {u("hours")} < 100
FROM (
    SELECT c.*, (c.completed_at >= %(recent)s OR {u("rated")} < 720) AS active
    FROM deadlines_case c
    WHERE c.status = 'completed' AND c.completed_at IS NOT NULL
) c
WHERE c.completed_at < %(recent)s OR {u("rated")} < 600
"""

FOLLOW_UPS = """
INSERT INTO evaluation_followup
    (rating_id, department_id, assigned_to_id, opened_at, due, status, called_at, called_by_id,
     call_note, fixed_at, fixed_by_id, fix_note, grade, graded_at, appeal_status, appeal_reason,
     appeal_evidence, appealed_at, appealed_by_id, appeal_decided_by_id, appeal_decided_at, appeal_opinion)
SELECT r.id, r.department_id, chief.id, r.rated_at, (r.rated_at + INTERVAL '7 days')::date,
       CASE WHEN r.excluded THEN 'excluded' WHEN fresh THEN 'open' ELSE 'fixed' END,
       CASE WHEN fresh THEN NULL ELSE r.rated_at + INTERVAL '1 day' END,
       CASE WHEN fresh THEN NULL ELSE chief.id END,
       CASE WHEN fresh THEN '' ELSE '已电话回访申请人' END,
       CASE WHEN fresh OR r.excluded THEN NULL ELSE r.rated_at + INTERVAL '4 days' END,
       CASE WHEN fresh OR r.excluded THEN NULL ELSE chief.id END,
       CASE WHEN fresh OR r.excluded THEN '' ELSE '已整改' END,
       '', NULL,
       CASE WHEN r.excluded THEN 'upheld' ELSE '' END,
       CASE WHEN r.excluded THEN '申请人未到窗口办理' ELSE '' END,
       '',
       CASE WHEN r.excluded THEN r.rated_at + INTERVAL '1 day' END,
       CASE WHEN r.excluded THEN chief.id END,
       CASE WHEN r.excluded THEN %(supervisor)s END,
       CASE WHEN r.excluded THEN r.rated_at + INTERVAL '3 days' END,
       CASE WHEN r.excluded THEN '有录像为证' ELSE '' END
FROM (SELECT r.*, r.rated_at >= %(recent)s AS fresh FROM evaluation_rating r WHERE r.level <= 2) r
JOIN (VALUES {chiefs}) chief (department_id, id) ON chief.department_id = r.department_id
"""


def _chiefs_and_supervisor() -> tuple[str, int]:
    """Each section's chief (its first handler when it has none) as SQL VALUES, and a supervisor."""
    from org.models import Staff
    from org.roles import Role

    chiefs = {}
    for role in (Role.HANDLER, Role.SECTION_CHIEF):  # a chief, where there is one, wins
        for department, staff in (
            Staff.objects.with_role(role).order_by("-pk").values_list("department", "pk")
        ):
            chiefs[department] = staff
    supervisor = Staff.objects.with_role(Role.SUPERVISOR).order_by("pk").values_list("pk", flat=True).first()
    return ", ".join(f"({d}, {s})" for d, s in chiefs.items()), supervisor


def add(today, log) -> dict:
    """Write the ratings and follow-ups once; how many of each."""
    from datetime import datetime, time, timedelta

    from django.utils import timezone

    if connection.vendor != "postgresql":
        raise SystemExit(
            "the evaluation bench's ratings are written with PostgreSQL's SQL: use --database postgres"
        )
    recent = datetime.combine(today - timedelta(days=7), time.min, timezone.get_current_timezone())
    with transaction.atomic(), connection.cursor() as cursor:
        # A build cut short, or made by an earlier version of this file, is made again.
        cursor.execute("DELETE FROM evaluation_followup")
        cursor.execute("DELETE FROM evaluation_rating")
        cursor.execute(RATINGS, {"recent": recent})
        ratings = cursor.rowcount
        chiefs, supervisor = _chiefs_and_supervisor()
        cursor.execute(
            FOLLOW_UPS.replace("{chiefs}", chiefs),
            {"recent": recent - timedelta(days=23), "supervisor": supervisor},
        )
        follow_ups = cursor.rowcount
    made = {
        "ratings": ratings,
        "default": Rating.objects.filter(is_default=True).count(),
        "poor": Rating.objects.filter(level__lte=2).count(),
        "excluded": Rating.objects.filter(excluded=True).count(),
        "follow_ups": follow_ups,
        "follow_ups_open": FollowUp.objects.filter(status="open").count(),
    }
    log(f"added the ratings: {made}")
    return made
