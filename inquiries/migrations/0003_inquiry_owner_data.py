"""Who answers for an inquiry now (``owner``), and the acknowledged transfer
that no longer closes its inquiry.

Until now a handler's acknowledgement closed the inquiry, and calling the
visitor back was tracked nowhere. Those inquiries are open again, with the
handler as owner, awaiting their outcome. Their outcome is due counted from
the day of this migration, not from the acknowledgement: until today there
was no way to record it, so no handler is flagged for the past. The count
takes Monday to Friday as working days (the calendar's holidays are not
read here), so a flag may come early, never late.
"""

from datetime import timedelta

from django.db import migrations, models
from django.utils import timezone


def _weekdays_after(start, days):
    day = start
    while days > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day


def _flag_days():
    from django.conf import settings

    default = settings.CONSTANCE_CONFIG["INQUIRY_NO_OUTCOME_FLAG_WD"][0]
    try:
        from constance import config

        return int(config.INQUIRY_NO_OUTCOME_FLAG_WD)
    except Exception:  # noqa: BLE001 - a database without constance's table yet keeps the default
        return default


def set_owners(apps, schema_editor):
    Inquiry = apps.get_model("inquiries", "Inquiry")
    Transfer = apps.get_model("inquiries", "Transfer")
    Inquiry.objects.update(owner=models.F("first_responder"))
    acknowledged = Transfer.objects.filter(acknowledged_at__isnull=False, inquiry__status="closed")
    # Closed by the acknowledgement itself: the outcome is still the transfer.
    acknowledged = acknowledged.filter(inquiry__outcome="transfer")
    if not acknowledged.exists():
        return
    due = _weekdays_after(timezone.localdate(), _flag_days())
    for transfer in acknowledged.iterator():
        Inquiry.objects.filter(pk=transfer.inquiry_id).update(
            owner=transfer.to_id, status="acknowledged", closed_at=None, outcome_due=due, flagged=False
        )


def unset_owners(apps, schema_editor):
    Inquiry = apps.get_model("inquiries", "Inquiry")
    Transfer = apps.get_model("inquiries", "Transfer")
    for transfer in Transfer.objects.filter(inquiry__status="acknowledged").iterator():
        Inquiry.objects.filter(pk=transfer.inquiry_id).update(status="closed", closed_at=transfer.acknowledged_at)


class Migration(migrations.Migration):
    dependencies = [
        ("constance", "0003_drop_pickle"),
        ("inquiries", "0002_inquiry_owner_acknowledged"),
    ]

    operations = [
        migrations.RunPython(set_owners, unset_owners),
    ]
