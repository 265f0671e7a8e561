"""Every write to handovers (交接) goes through here.

When A's absence ends, a handover is drawn up for it (once: the handover's
one-to-one row on the absence is the claim); what it lists is read from the
audit trail when shown (``selectors_handovers``), so nothing is copied. The
cover adds remarks and hands it over ("B岗承当人应告知A岗离岗期间处理工作的
有关情况"); A acknowledges it within the set working days.
"""

from collections import Counter
from datetime import date

from constance import config
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from abpositions import cover
from abpositions.models import Absence, Handover, HandoverStatus
from audit.models import AuditEvent
from audit.services import EventSpec, record_event, record_events, reference
from core import clock
from core.claims import claim_rows
from core.errors import ConflictError, require
from messaging.models import Channel
from messaging.services import MessageSpec, message_queue_many
from org.models import Post, Staff
from workdays.days import UnpublishedYearError, add_working_days


def acknowledge_by(day: date, days: int | None = None) -> date:
    """The set working days after ``day``. Late in a year whose successor's
    schedule is not entered, the year's last day stands in: the flag comes
    early rather than never."""
    try:
        return add_working_days(day, config.HANDOVER_ACKNOWLEDGE_WD if days is None else days)
    except UnpublishedYearError:
        return day.replace(month=12, day=31)


def handover_link(handover: Handover) -> str:
    return reverse("abpositions:handover", args=[handover.pk])


def _snapshot(handover: Handover) -> dict:
    """What an event records of a handover (labelled in history_handovers)."""
    return {
        "status": handover.status,
        "holder": reference(handover.holder, handover.holder.name),
        "cover": reference(handover.cover, handover.cover.name),
        "acknowledge_by": handover.acknowledge_by,
    }


def _most_active_covers(absences: list[Absence]) -> dict[int, int]:
    """For each absence, the login that acted for A most often in its span (one query)."""
    spans = Q()
    for absence in absences:
        spans |= Q(acting_for_id=absence.staff.user_id, at__gte=absence.start, at__lt=absence.end)
    counts: dict[int, Counter] = {absence.pk: Counter() for absence in absences}
    events = AuditEvent.objects.filter(spans, actor__isnull=False).values_list(
        "acting_for_id", "actor_id", "at"
    )
    for acting_for, actor, moment in events:
        for absence in absences:
            if absence.staff.user_id == acting_for and absence.start <= moment < absence.end:
                counts[absence.pk][actor] += 1
    return {pk: counter.most_common(1)[0][0] for pk, counter in counts.items() if counter}


def _covers_of(absences: list[Absence]) -> dict[int, Staff | None]:
    """Who hands the work back, for each absence: whoever acted for A most
    often in the span; else who answered for A's first post when A left
    (``abpositions.cover``); None when A holds no post and nobody acted for
    them (nothing to hand back)."""
    actors = _most_active_covers(absences)
    by_user = {staff.user_id: staff for staff in Staff.objects.filter(user_id__in=set(actors.values()))}
    first_posts: dict[int, Post] = {}
    posts = Post.objects.filter(a_holder_id__in={absence.staff_id for absence in absences})
    for post in posts.select_related("a_holder", "b_holder").order_by("-pk"):
        first_posts[post.a_holder_id] = post
    covers = {}
    for absence in absences:
        found = by_user.get(actors.get(absence.pk))
        post = first_posts.get(absence.staff_id)
        if found is None and post is not None:
            answer = cover.who_answers(post, absence.start)
            found = answer.staff if answer.staff not in (None, absence.staff) else post.b_holder
        covers[absence.pk] = found
    return covers


def draw_up_ended(absences: list[Absence]) -> list[Handover]:
    """The handovers of these ended absences, claimed in one insert (one
    already drawn up, by another run or worker, is skipped); their events
    and the covers' messages, one insert each. Runs in the caller's transaction."""
    now = clock.now()
    covers = _covers_of(absences)
    days = config.HANDOVER_ACKNOWLEDGE_WD  # each read of a setting is a query
    ends = {timezone.localdate(absence.end) for absence in absences}
    due = {end: acknowledge_by(end, days) for end in ends}
    rows = [
        {
            "absence": absence.pk,
            "holder": absence.staff_id,
            "cover": covers[absence.pk].pk,
            "status": HandoverStatus.DRAFT,
            "remarks": "",
            "created_at": now,
            "acknowledge_by": due[timezone.localdate(absence.end)],
            "flagged": False,
        }
        for absence in absences
        if covers[absence.pk] is not None
    ]
    claimed = claim_rows(Handover, rows, returning="id")
    handovers = list(Handover.objects.filter(pk__in=claimed).select_related("holder", "cover", "absence"))
    record_events(EventSpec(verb="handover.draw_up", subject=h, after=_snapshot(h)) for h in handovers)
    message_queue_many(
        [
            MessageSpec(
                channel=Channel.INBOX,
                recipient_id=h.cover.user_id,
                kind="handover.draw_up",
                subject=_("%(name)s is back: hand their work over") % {"name": h.holder.name},
                body=_("Add your remarks to the handover and hand it over to %(name)s.")
                % {"name": h.holder.name},
                link=handover_link(h),
                dedupe_key=f"handover:{h.pk}:draw_up",
            )
            for h in handovers
        ]
    )
    return handovers


def handover_draw_up(*, absence: Absence) -> Handover | None:
    """The handover of an absence that has ended, drawn up once however often
    asked (``absence_end`` and the job both ask). None for an absence not
    ended, cancelled, or of someone who holds no post and for whom nobody acted."""
    if absence.cancelled_at is not None or absence.end > clock.now():
        return None
    with transaction.atomic():
        draw_up_ended([absence])
    return Handover.objects.filter(absence=absence).select_related("holder", "cover", "absence").first()


def ended_without_handover():
    """The absences the job draws up: ended, not cancelled, with no handover,
    of someone who holds a post as A (whose work another covered)."""
    holds_a = Post.objects.filter(a_holder=OuterRef("staff_id"))
    return (
        Absence.objects.filter(end__lte=clock.now(), cancelled_at__isnull=True, handover__isnull=True)
        .filter(Exists(holds_a))
        .select_related("staff")
        .order_by("end", "pk")
    )


def handover_hand_over(*, actor, handover: Handover, remarks: str) -> Handover:
    """The cover hands it over with their remarks; A is told, and has the set
    working days to acknowledge it."""
    require(actor, "abpositions.hand_over", handover)
    with transaction.atomic():
        locked = Handover.objects.select_for_update().select_related("holder", "cover").get(pk=handover.pk)
        if locked.status != HandoverStatus.DRAFT:
            raise ConflictError(
                _("This handover is %(status)s; it cannot be handed over now.")
                % {"status": locked.get_status_display()}
            )
        before = _snapshot(locked)
        now = clock.now()
        locked.status = HandoverStatus.HANDED
        locked.remarks = remarks.strip()
        locked.handed_at = now
        locked.acknowledge_by = acknowledge_by(timezone.localdate(now))
        locked.save(update_fields=["status", "remarks", "handed_at", "acknowledge_by"])
        record_event(
            actor=actor,
            verb="handover.hand_over",
            subject=locked,
            before=before,
            after={**_snapshot(locked), "remarks": locked.remarks},
        )
        message_queue_many(
            [
                MessageSpec(
                    channel=Channel.INBOX,
                    recipient_id=locked.holder.user_id,
                    kind="handover.hand_over",
                    subject=_("%(name)s handed your work back") % {"name": locked.cover.name},
                    body=_("Read the handover and acknowledge it by %(day)s.")
                    % {"day": locked.acknowledge_by.isoformat()},
                    link=handover_link(locked),
                )
            ]
        )
    return locked


def handover_acknowledge(*, actor, handover: Handover) -> Handover:
    """A acknowledges what was handed back; the cover is told."""
    require(actor, "abpositions.acknowledge_handover", handover)
    with transaction.atomic():
        locked = Handover.objects.select_for_update().select_related("holder", "cover").get(pk=handover.pk)
        if locked.status != HandoverStatus.HANDED:
            if locked.status == HandoverStatus.DRAFT:
                message = _("%(name)s has not handed this over yet.") % {"name": locked.cover.name}
            else:
                message = _("This handover has been acknowledged already.")
            raise ConflictError(message)
        before = _snapshot(locked)
        locked.status = HandoverStatus.ACKNOWLEDGED
        locked.acknowledged_at = clock.now()
        locked.save(update_fields=["status", "acknowledged_at"])
        record_event(
            actor=actor, verb="handover.acknowledge", subject=locked, before=before, after=_snapshot(locked)
        )
        message_queue_many(
            [
                MessageSpec(
                    channel=Channel.INBOX,
                    recipient_id=locked.cover.user_id,
                    kind="handover.acknowledge",
                    subject=_("%(name)s acknowledged the handover") % {"name": locked.holder.name},
                    body=_("Your handover to %(name)s is acknowledged.") % {"name": locked.holder.name},
                    link=handover_link(locked),
                )
            ]
        )
    return locked
