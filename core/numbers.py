"""Numbers printed on paper: a prefix, the day, and a serial of that day
(Q202611260001). Unique, readable over the phone, and sortable by date."""

from datetime import date

from django.db import transaction
from django.db.models import F

from core.models import DailyCounter


def next_number(prefix: str, day: date) -> str:
    """The next number of ``prefix`` on ``day``; call it inside the
    transaction that saves the paper, so that a rollback gives it back."""
    with transaction.atomic():
        counter, _created = DailyCounter.objects.select_for_update().get_or_create(prefix=prefix, day=day)
        DailyCounter.objects.filter(pk=counter.pk).update(last=F("last") + 1)
        counter.refresh_from_db(fields=["last"])
    return f"{prefix}{day:%Y%m%d}{counter.last:04d}"
