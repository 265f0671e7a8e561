from datetime import date
from decimal import Decimal

import pytest
from django.db import transaction
from django.utils import timezone

from audit.models import AuditEvent
from audit.services import EventSpec, record_event, record_events


@pytest.fixture
def trail(db, department, other_department, chief):
    """Six events written the three ways the system writes them."""
    with transaction.atomic():
        record_event(actor=chief.user, verb="department.rename", subject=department, reason="机构改革")
        record_event(
            actor=chief.user,
            verb="department.change",
            subject=department,
            before={"opened": date(2026, 1, 5), "fee": Decimal("12.50"), "ratio": 1.0, "big": 1e20},
            after={"z": [1, {"b": 2, "a": 0.25}], "when": timezone.now(), "名": "行政"},
        )
    with transaction.atomic():
        record_events(
            [
                EventSpec(verb="department.flag", subject=department, before={"x": 0}, after={"x": 1}),
                EventSpec(verb="department.flag", subject=other_department, actor=chief.user),
            ]
        )
    with transaction.atomic():
        # A job's batch written with bulk_create directly (deadlines.jobs does).
        AuditEvent.objects.bulk_create(
            AuditEvent(verb="x.job", subject_type_id=e.subject_type_id, subject_id="1", subject_repr="r")
            for e in AuditEvent.objects.all()[:2]
        )
    return list(AuditEvent.objects.order_by("seq"))
