"""Rule 4, item 5: a post is never uncovered for long. The section chief
names who covers it, in one click from the alert (``post_name_cover``)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from abpositions.cover import current_absences
from abpositions.models import Absence
from audit.services import record_event, reference
from core import clock
from core.errors import ConflictError, require
from messaging.models import Channel
from messaging.services import message_queue
from org.models import Post, Staff


def post_name_cover(*, actor, post: Post, cover: Staff) -> Absence:
    """Name ``cover`` to answer for ``post`` while its A holder is away:
    the cover is kept on A's absence in force, so it ends when A is back."""
    require(actor, "abpositions.name_cover", post)
    if cover.department_id != post.department_id or not cover.user.is_active:
        raise ValidationError(_("Name someone of the post's own section."))
    if cover.pk == post.a_holder_id:
        raise ValidationError(_("The A holder is away: name someone else."))
    with transaction.atomic():
        now = clock.now()
        away = current_absences([post.a_holder_id, cover.pk], now)
        if post.a_holder_id not in away:
            raise ConflictError(
                _("%(holder)s is on duty: the post needs no cover.") % {"holder": post.a_holder}
            )
        if cover.pk in away:
            raise ValidationError(
                _("%(name)s is away until %(end)s: name someone who is here.")
                % {"name": cover, "end": f"{localtime(away[cover.pk].end):%Y-%m-%d %H:%M}"}
            )
        absence = (
            Absence.objects.select_for_update(of=("self",))
            .select_related("cover")
            .get(pk=away[post.a_holder_id].pk)
        )
        if absence.cancelled_at is not None or absence.end <= now:
            raise ConflictError(_("%(holder)s is back: the post needs no cover.") % {"holder": post.a_holder})
        before = {"cover": reference(absence.cover)}
        Absence.objects.filter(pk=absence.pk).update(cover=cover)
        absence.cover = cover
        record_event(
            actor=actor,
            verb="absence.name_cover",
            subject=absence,
            before=before,
            after={"cover": reference(cover), "post": reference(post)},
        )
        message_queue(
            channel=Channel.INBOX,
            recipient=cover.user,
            kind="post.cover_named",
            subject=_("You cover the post %(post)s") % {"post": post.name},
            body=_("%(holder)s and the B holder are away: you answer for %(post)s until %(end)s.")
            % {"holder": post.a_holder, "post": post.name, "end": f"{localtime(absence.end):%Y-%m-%d %H:%M}"},
        )
    return absence
