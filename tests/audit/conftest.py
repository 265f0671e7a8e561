from datetime import date
from decimal import Decimal

import pytest
from django.db import transaction
from django.utils import timezone

from audit.models import AuditEvent
from audit.services import EventSpec, record_event, record_events
from tests.audit.every_verb import write_every_verb


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


@pytest.fixture
def every_event(
    client,
    settings,
    official_calendar,
    department,
    other_department,
    front_desk,
    handler,
    chief,
    supervisor,
    administrator,
):
    """The events of a fortnight at the bureau, in the order written, and its inquiry, case and notice."""
    first = AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
    subjects = write_every_verb(
        client=client,
        settings=settings,
        department=department,
        other_department=other_department,
        front_desk=front_desk,
        handler=handler,
        chief=chief,
        supervisor=supervisor,
        administrator=administrator,
    )
    events = list(AuditEvent.objects.filter(seq__gt=first).select_related("subject_type").order_by("seq"))
    return events, subjects
