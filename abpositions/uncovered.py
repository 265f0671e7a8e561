"""Rule 4, item 5: never an uncovered post.

The job reads who answers for every post (``abpositions.cover.answers``,
two queries at most), and claims one ``UncoveredPeriod`` row per post left
with both holders away and nobody named, from the moment the second holder
left, with one ``INSERT ... ON CONFLICT DO NOTHING RETURNING``: the chief is
alerted once per period however often the job runs, or on however many
workers. The chiefs hear in their inbox, and by SMS where they have a
mobile entered (``Staff.mobile``); the supervisors, for a section with no
chief. A period whose post is covered again is closed in one update.
"""

from dataclasses import replace

from django.db import transaction
from django.urls import reverse
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from abpositions.cover import Answer, answers
from abpositions.models import UncoveredPeriod
from audit.services import EventSpec, record_events
from core import clock
from core.claims import claim_rows
from messaging.models import PHONE_PATTERN, Channel
from messaging.services import MessageSpec, message_queue_many
from org.models import Post, Staff
from org.selectors import chiefs_or_supervisors


def _since(answer: Answer):
    """The moment both holders were away: the later of the two absences' start."""
    return max(answer.a_absence.start, answer.b_absence.start)


def _alerts(answer: Answer, period: UncoveredPeriod, staff: Staff) -> list[MessageSpec]:
    """The inbox message, and an SMS too where the chief has a mobile entered."""
    inbox = _alert(answer, period, staff)
    if not PHONE_PATTERN.match(staff.mobile or ""):
        return [inbox]
    sms = replace(
        inbox,
        channel=Channel.SMS,
        address=staff.mobile,
        kind="post.uncovered.sms",
        dedupe_key=f"{inbox.dedupe_key}:sms",
    )
    return [inbox, sms]


def _alert(answer: Answer, period: UncoveredPeriod, staff: Staff) -> MessageSpec:
    post = answer.post
    until = min(answer.a_absence.end, answer.b_absence.end)
    return MessageSpec(
        channel=Channel.INBOX,
        recipient_id=staff.user_id,
        kind="post.uncovered",
        subject=_("Uncovered post: %(post)s") % {"post": post.name},
        body=_(
            "Both holders of %(post)s are away (%(a)s reachable at %(a_contact)s, %(b)s reachable at "
            "%(b_contact)s) from %(since)s to at least %(until)s, and nobody is named to cover. "
            "Name who covers, or answer for it yourself."
        )
        % {
            "post": post.name,
            "a": post.a_holder,
            "a_contact": answer.a_absence.contact,
            "b": post.b_holder,
            "b_contact": answer.b_absence.contact,
            "since": f"{localtime(period.since):%Y-%m-%d %H:%M}",
            "until": f"{localtime(until):%Y-%m-%d %H:%M}",
        },
        link=reverse("abpositions:name_cover", args=[post.pk]),
        dedupe_key=f"uncovered:{period.pk}:{staff.pk}",
    )


def _open_new_periods(uncovered: list[Answer], now) -> int:
    rows = [{"post": answer.post.pk, "since": _since(answer), "alerted_at": now} for answer in uncovered]
    claimed = claim_rows(UncoveredPeriod, rows, returning="id")
    if not claimed:
        return 0
    periods = {period.post_id: period for period in UncoveredPeriod.objects.filter(pk__in=claimed)}
    taken = [answer for answer in uncovered if answer.post.pk in periods]
    recipients = chiefs_or_supervisors({answer.post.department_id for answer in taken})
    record_events(
        EventSpec(
            verb="post.uncovered",
            subject=answer.post,
            after={
                "uncovered_since": periods[answer.post.pk].since.isoformat(),
                "alerted": [staff.name for staff in recipients[answer.post.department_id]],
            },
        )
        for answer in taken
    )
    message_queue_many(
        [
            message
            for answer in taken
            for staff in recipients[answer.post.department_id]
            for message in _alerts(answer, periods[answer.post.pk], staff)
        ]
    )
    return len(taken)


def _close_covered_periods(uncovered: list[Answer], now) -> int:
    """Close each open period that no longer is: its post covered again (or
    uncovered since another moment, a new period)."""
    current = {(answer.post.pk, _since(answer)) for answer in uncovered}
    open_periods = UncoveredPeriod.objects.filter(resolved_at__isnull=True).select_related("post")
    # Locked, and asked again once the lock is had: another worker may have closed them.
    closing = [
        period
        for period in open_periods.select_for_update(of=("self",))
        if (period.post_id, period.since) not in current
    ]
    if not closing:
        return 0
    UncoveredPeriod.objects.filter(pk__in=[period.pk for period in closing]).update(resolved_at=now)
    record_events(
        EventSpec(
            verb="post.covered_again",
            subject=period.post,
            before={"uncovered_since": period.since.isoformat()},
            after={"covered_again_at": now.isoformat()},
        )
        for period in closing
    )
    return len(closing)


def uncovered_posts_check() -> str:
    """Open, alert and close the uncovered periods of every post; the summary line."""
    now = clock.now()
    posts = Post.objects.select_related("department", "a_holder", "b_holder")
    uncovered = [answer for answer in answers(posts, now).values() if answer.uncovered]
    with transaction.atomic():
        opened = _open_new_periods(uncovered, now)
        closed = _close_covered_periods(uncovered, now)
    return f"{len(uncovered)} posts uncovered: alerted {opened} new, closed {closed} covered again"
