"""Absences (离岗): registered, cancelled before they begin, ended early ("I am back").

The regulation wants the A and B holders of a post never away together: an
absence that would leave both holders of a post away at an overlapping
moment is refused with the post named, unless the section chief registers
it and names who covers (or keeps the post themselves). Cover itself is
computed from these rows by ``abpositions.cover``; nothing here sets a flag.
"""

from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from abpositions.models import Absence, AbsenceKind
from audit.services import record_event, reference
from core import clock
from core.errors import ConflictError, require
from messaging.models import Channel
from messaging.services import message_queue
from org.models import Post, Staff
from org.predicates import staff_of


def _to_the_minute(moment: datetime) -> datetime:
    return moment.replace(second=0, microsecond=0)


def _local(moment: datetime) -> str:
    return timezone.localtime(moment).isoformat()


def _overlapping(start: datetime, end: datetime) -> Q:
    return Q(start__lt=end, end__gt=start, cancelled_at__isnull=True)


def posts_left_without_holders(staff: Staff, start: datetime, end: datetime) -> list[Post]:
    """The posts whose other holder is away at some moment of ``start``–``end``:
    registering this absence would leave both holders away. One query."""
    partner_away = Absence.objects.filter(_overlapping(start, end))
    return list(
        Post.objects.filter(
            Q(a_holder=staff) & Exists(partner_away.filter(staff=OuterRef("b_holder")))
            | Q(b_holder=staff) & Exists(partner_away.filter(staff=OuterRef("a_holder")))
        ).order_by("name")
    )


def _check_span(staff: Staff, start: datetime, end: datetime, contact: str, kind: str) -> None:
    errors = {}
    if kind not in AbsenceKind.values:
        errors["kind"] = _("Choose the kind of absence.")
    if not contact.strip():
        errors["contact"] = _("Say where you can be reached while away; staying reachable is required.")
    if timezone.is_naive(start) or timezone.is_naive(end):
        errors["start"] = _("Give the time with its time zone (+08:00).")
    elif end <= start:
        errors["end"] = _("The absence must end after it starts.")
    elif end <= clock.now():
        errors["end"] = _("This absence is over already; only a current or coming absence is registered.")
    if errors:
        raise ValidationError(errors)


def _cover_for(actor, staff: Staff, cover: Staff | None, chief_keeps: bool) -> Staff | None:
    if cover is None and not chief_keeps:
        return None
    # Only the section chief names who covers ("由科室负责人…指派其他人").
    if not actor.has_perm("abpositions.name_absence_cover", staff):
        raise PermissionDenied
    cover = staff_of(actor) if chief_keeps else cover
    if cover.pk == staff.pk:
        raise ValidationError({"cover": _("The person going away cannot cover for themselves.")})
    return cover


def absence_register(
    *,
    actor,
    staff: Staff,
    kind: str,
    start: datetime,
    end: datetime,
    contact: str,
    note: str = "",
    cover: Staff | None = None,
    chief_keeps: bool = False,
) -> Absence:
    require(actor, "abpositions.register_absence", staff)
    start, end = _to_the_minute(start), _to_the_minute(end)
    _check_span(staff, start, end, contact, kind)
    cover = _cover_for(actor, staff, cover, chief_keeps)
    with transaction.atomic():
        # Lock the person and the other holders of their posts: two absences
        # registered at once for the holders of one post are checked one after the other.
        list(
            Staff.objects.select_for_update()
            .filter(pk__in=_holders_sharing_posts(staff))
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        if Absence.objects.filter(_overlapping(start, end), staff=staff).exists():
            raise ValidationError(
                {"start": _("%(name)s is already away at that time.") % {"name": staff.name}}
            )
        uncovered = posts_left_without_holders(staff, start, end)
        if uncovered and cover is None:
            raise ValidationError(
                _(
                    "Both holders of %(posts)s would be away at the same time. "
                    "Change the dates, or ask the section chief to register it and name who covers."
                )
                % {"posts": "、".join(post.name for post in uncovered)}
            )
        absence = Absence.objects.create(
            staff=staff,
            kind=kind,
            start=start,
            end=end,
            contact=contact.strip(),
            note=note.strip(),
            cover=cover,
            registered_by=actor,
            registered_at=clock.now(),
        )
        record_event(
            actor=actor,
            verb="absence.register",
            subject=absence,
            after={
                "staff": reference(staff),
                "kind": kind,
                "start": _local(start),
                "end": _local(end),
                "contact": absence.contact,
                "cover": reference(cover),
                "posts_both_away": [post.name for post in uncovered],
            },
            reason=absence.note,
        )
        if cover is not None and cover.pk != getattr(staff_of(actor), "pk", None):
            _tell_cover(absence, uncovered)
    return absence


def _holders_sharing_posts(staff: Staff) -> list[int]:
    pairs = Post.objects.filter(Q(a_holder=staff) | Q(b_holder=staff)).values_list("a_holder", "b_holder")
    return sorted({staff.pk} | {pk for pair in pairs for pk in pair if pk})


def _tell_cover(absence: Absence, posts: list[Post]) -> None:
    local = timezone.localtime
    message_queue(
        channel=Channel.INBOX,
        recipient=absence.cover.user,
        kind="absence.cover",
        subject=_("You cover for %(name)s") % {"name": absence.staff.name},
        body=_("From %(start)s to %(end)s you answer for %(posts)s; %(name)s is reachable at %(contact)s.")
        % {
            "start": f"{local(absence.start):%Y-%m-%d %H:%M}",
            "end": f"{local(absence.end):%Y-%m-%d %H:%M}",
            "posts": "、".join(post.name for post in posts) or absence.staff.name,
            "name": absence.staff.name,
            "contact": absence.contact,
        },
    )


def _claim(absence: Absence) -> Absence:
    """The absence locked, as it is now; refused once cancelled or over."""
    locked = Absence.objects.select_for_update().select_related("staff").get(pk=absence.pk)
    if locked.cancelled_at is not None:
        raise ConflictError(_("This absence was cancelled."))
    if locked.ended_early_at is not None or locked.end <= clock.now():
        raise ConflictError(_("This absence is over already."))
    return locked


def absence_cancel(*, actor, absence: Absence) -> Absence:
    """Called off before it began."""
    require(actor, "abpositions.change_absence", absence)
    with transaction.atomic():
        absence = _claim(absence)
        now = clock.now()
        if absence.start <= now:
            raise ConflictError(_("This absence has begun; say you are back instead."))
        absence.cancelled_at = now
        absence.save(update_fields=["cancelled_at"])
        record_event(actor=actor, verb="absence.cancel", subject=absence, after={"cancelled_at": _local(now)})
    return absence


def absence_end(*, actor, absence: Absence) -> Absence:
    """ "I am back": the absence ends now, and cover with it."""
    require(actor, "abpositions.change_absence", absence)
    with transaction.atomic():
        absence = _claim(absence)
        # To the microsecond: what B did for A a moment ago falls inside [start, end).
        now = clock.now()
        if absence.start > now:
            raise ConflictError(_("This absence has not begun; cancel it instead."))
        before = absence.end
        # Back within the minute it began: it still ends after it started.
        absence.end = max(now, absence.start + timedelta(seconds=1))
        absence.ended_early_at = now
        absence.save(update_fields=["end", "ended_early_at"])
        record_event(
            actor=actor,
            verb="absence.end",
            subject=absence,
            before={"end": _local(before)},
            after={"end": _local(absence.end)},
        )
    # A is back: what B did for A is drawn up for the handover at once, not at the job's next run.
    from abpositions.services_handovers import handover_draw_up

    handover_draw_up(absence=absence)
    return absence
