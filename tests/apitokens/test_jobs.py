from datetime import timedelta

import time_machine
from django.utils import timezone

from apitokens.jobs import EXPIRED_KEPT
from apitokens.models import ApiToken
from audit.models import AuditEvent
from core.jobs import registry, run_job


def test_the_job_is_registered_daily():
    schedule = registry.get("api_token_remove_expired").schedule
    assert schedule.hour == {3} and schedule.day_of_week == set(range(7))


def test_removes_tokens_a_month_after_expiry_once_with_an_event_each(handler, chief):
    now = timezone.now()
    old = [
        ApiToken.objects.create(user=handler.user, name=f"旧{n}", expiry=timedelta(days=1))[0]
        for n in range(3)
    ]
    with time_machine.travel(now + EXPIRED_KEPT + timedelta(days=2)):
        recent, _secret = ApiToken.objects.create(
            user=chief.user, name="刚过期", expiry=timedelta(seconds=-1)
        )
        live, _secret = ApiToken.objects.create(user=chief.user, name="有效")
        assert run_job("api_token_remove_expired") == "removed 3"
        assert run_job("api_token_remove_expired") == "removed 0"
    assert set(ApiToken.objects.values_list("name", flat=True)) == {"刚过期", "有效"}
    events = AuditEvent.objects.filter(verb="api_token.expire")
    assert sorted(events.values_list("subject_id", flat=True)) == sorted(str(t.pk) for t in old)
    assert all(event.actor is None for event in events)
    assert not any(token.digest in str(event.before) for token in old for event in events)
