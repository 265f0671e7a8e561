"""The bureau's thresholds over a person's year (rules.md): upheld complaints
that remove them from a front-desk post, efficiency warnings that bar an
'excellent' annual rating. Evaluated on each decision; crossing one is a
``ThresholdCrossed`` row, alerted once to the supervisors and the chief."""

from dataclasses import dataclass

from constance import config
from django.utils.translation import gettext as _

from accountability.models import Complaint, ComplaintStatus, Outcome, Record, Threshold, ThresholdCrossed
from audit.services import EventSpec, record_events
from core import clock
from core.claims import claim_rows
from messaging.models import Channel
from messaging.services import MessageSpec, message_queue_many
from org.models import Staff
from org.roles import Role
from org.selectors import chiefs_or_supervisors


@dataclass(frozen=True)
class Standing:
    threshold: str
    label: str
    count: int
    limit: int

    @property
    def crossed(self) -> bool:
        return self.limit > 0 and self.count >= self.limit


def upheld_complaints(staff_ids, year: int) -> dict[int, int]:
    rows = Complaint.objects.filter(
        status=ComplaintStatus.ANSWERED, upheld=True, about_staff_id__in=staff_ids, answered_at__year=year
    ).values_list("about_staff_id", flat=True)
    counts: dict[int, int] = {}
    for staff_id in rows:
        counts[staff_id] = counts.get(staff_id, 0) + 1
    return counts


def warnings(staff_ids, year: int) -> dict[int, int]:
    rows = Record.objects.filter(
        staff_id__in=staff_ids, decision__outcome=Outcome.WARNING, decision__decided_at__year=year
    ).values_list("staff_id", flat=True)
    counts: dict[int, int] = {}
    for staff_id in rows:
        counts[staff_id] = counts.get(staff_id, 0) + 1
    return counts


def standings(staff: Staff, year: int) -> list[Standing]:
    """Where the person stands against each threshold in ``year``."""
    return [
        Standing(
            Threshold.REMOVE_FROM_FRONT_DESK,
            Threshold.REMOVE_FROM_FRONT_DESK.label,
            upheld_complaints([staff.pk], year).get(staff.pk, 0),
            config.UPHELD_COMPLAINTS_REMOVE_FROM_FRONT_DESK,
        ),
        Standing(
            Threshold.BAR_EXCELLENT,
            Threshold.BAR_EXCELLENT.label,
            warnings([staff.pk], year).get(staff.pk, 0),
            config.WARNINGS_BAR_EXCELLENT,
        ),
    ]


def thresholds_check(*, staff: Staff, year: int) -> list[ThresholdCrossed]:
    """Record and alert, once, each threshold the person has now crossed in ``year``."""
    crossed = [standing for standing in standings(staff, year) if standing.crossed]
    now = clock.now()
    claimed = claim_rows(
        ThresholdCrossed,
        [
            {
                "staff": staff.pk,
                "year": year,
                "threshold": standing.threshold,
                "count": standing.count,
                "limit": standing.limit,
                "at": now,
            }
            for standing in crossed
        ],
        returning="id",
    )
    if not claimed:
        return []
    rows = list(ThresholdCrossed.objects.filter(pk__in=claimed))
    record_events(
        EventSpec(
            verb="accountability.threshold_cross",
            subject=staff,
            after={"threshold": row.threshold, "year": row.year, "count": row.count, "limit": row.limit},
        )
        for row in rows
    )
    people = list(Staff.objects.active().with_role(Role.SUPERVISOR)) + chiefs_or_supervisors(
        {staff.department_id}
    ).get(staff.department_id, [])
    message_queue_many(
        [
            MessageSpec(
                channel=Channel.INBOX,
                recipient_id=person.user_id,
                kind="accountability.threshold",
                subject=_("%(name)s: %(threshold)s")
                % {"name": staff.name, "threshold": row.get_threshold_display()},
                body=_("%(count)s in %(year)s; the bureau's limit is %(limit)s.")
                % {"count": row.count, "year": row.year, "limit": row.limit},
                dedupe_key=f"accountability:threshold:{row.pk}:{person.pk}",
            )
            for row in rows
            for person in {p.pk: p for p in people}.values()
        ]
    )
    return rows
