"""Two windows recording the last visit at once: one completes the notice, the other is refused."""

import pytest

from deadlines.services import ConflictError
from notifications.models import Notice, NoticeStatus, NoticeVisit
from notifications.services import notice_record_visit
from tests.concurrency import run_together


@pytest.mark.django_db(transaction=True)
def test_two_completions_at_once_give_one_visit_and_one_conflict(
    official_calendar, notice, handler, front_desk
):
    ids = [row.material_id for row in notice.materials.filter(missing=True)]
    results = run_together(
        lambda: notice_record_visit(
            actor=handler.user, notice=Notice.objects.get(pk=notice.pk), brought_ids=ids
        ),
        lambda: notice_record_visit(
            actor=front_desk.user, notice=Notice.objects.get(pk=notice.pk), brought_ids=ids
        ),
    )
    outcomes = sorted(kind for kind, _value in results)
    assert outcomes == ["error", "ok"], results
    assert any(isinstance(value, ConflictError) for kind, value in results if kind == "error")
    assert NoticeVisit.objects.count() == 1
    assert Notice.objects.get(pk=notice.pk).status == NoticeStatus.COMPLETE
