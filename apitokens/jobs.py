from datetime import timedelta

from celery.schedules import crontab
from django.utils import timezone

from apitokens import services
from core.jobs import periodic_job

# An expired token stays listed, as expired, this long for its owner to see.
EXPIRED_KEPT = timedelta(days=30)
BATCH_SIZE = 500


@periodic_job("api_token_remove_expired", every=crontab(hour=3, minute=20))
def api_token_remove_expired() -> str:
    """Remove the API tokens that expired more than a month ago."""
    expired_before = timezone.now() - EXPIRED_KEPT
    removed = 0
    while batch := services.api_tokens_remove_expired(expired_before=expired_before, limit=BATCH_SIZE):
        removed += batch
    return f"removed {removed}"
