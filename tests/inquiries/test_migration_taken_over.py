"""Transfers acknowledged before an acknowledgement stopped closing the
inquiry are open again, with the handler as owner (issue 10, 6)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("inquiries", "0001_initial")]
AFTER = [("inquiries", "0004_inquiry_owner_required")]
SHANGHAI = ZoneInfo("Asia/Shanghai")


def _old_rows(apps):
    User = apps.get_model("auth", "User")
    Department = apps.get_model("org", "Department")
    Staff = apps.get_model("org", "Staff")
    Inquiry = apps.get_model("inquiries", "Inquiry")
    Transfer = apps.get_model("inquiries", "Transfer")
    section = Department.objects.create(name="许可科", code="XK")
    desk, handler = (
        Staff.objects.create(
            user=User.objects.create(username=username),
            name=name,
            employee_number=username,
            department=section,
        )
        for username, name in (("desk", "前台小王"), ("handler", "经办人老张"))
    )
    asked_at = datetime(2026, 11, 2, 9, tzinfo=SHANGHAI)
    common = {
        "kind": "consultation",
        "subject": "咨询",
        "first_responder": desk,
        "department": section,
        "asked_at": asked_at,
        "outcome_due": date(2026, 11, 3),
        "created_by": desk.user,
    }
    taken = Inquiry.objects.create(
        number="Q202611020001", status="closed", outcome="transfer", closed_at=asked_at, **common
    )
    Transfer.objects.create(
        inquiry=taken,
        to=handler,
        by=desk,
        at=asked_at,
        acknowledge_by=date(2026, 11, 3),
        acknowledged_at=asked_at,
    )
    waiting = Inquiry.objects.create(
        number="Q202611020002", status="transferred", outcome="transfer", **common
    )
    Transfer.objects.create(
        inquiry=waiting, to=handler, by=desk, at=asked_at, acknowledge_by=date(2026, 11, 3)
    )
    handled = Inquiry.objects.create(
        number="Q202611020003", status="closed", outcome="handled", closed_at=asked_at, **common
    )
    return {
        "taken": taken.pk,
        "waiting": waiting.pk,
        "handled": handled.pk,
        "desk": desk.pk,
        "handler": handler.pk,
    }


@pytest.mark.django_db(transaction=True)
def test_acknowledged_transfers_are_open_again_with_the_handler():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    rows = _old_rows(executor.loader.project_state(BEFORE).apps)
    try:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        with time_machine.travel(datetime(2026, 12, 4, 10, tzinfo=SHANGHAI), tick=False):  # a Friday
            executor.migrate(AFTER)
        Inquiry = executor.loader.project_state(AFTER).apps.get_model("inquiries", "Inquiry")
        taken = Inquiry.objects.get(pk=rows["taken"])
        # Due from the migration's day, not the old acknowledgement: there was no way to record it.
        assert (taken.status, taken.owner_id, taken.closed_at, taken.outcome_due) == (
            "acknowledged",
            rows["handler"],
            None,
            date(2026, 12, 7),
        )
        waiting = Inquiry.objects.get(pk=rows["waiting"])
        assert (waiting.status, waiting.owner_id) == ("transferred", rows["desk"])
        handled = Inquiry.objects.get(pk=rows["handled"])
        assert (handled.status, handled.owner_id) == ("closed", rows["desk"])
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
