"""A post's holders change only here: requested by the section chief or an
administrator, approved or rejected by that section's chief alone.

Every post keeps exactly one A and one B holder, two different people. A
request naming the post's other holder swaps the two on approval (B moves up
to A and A becomes the backup, or the reverse): it is how a section rotates
its posts, and two separate requests could never pass, since each alone
would leave one person holding both.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from abpositions.models import ChangeStatus, HolderChange, HolderRole
from audit.services import record_event, reference
from core import clock
from core.errors import ConflictError, require
from messaging.models import Channel
from messaging.services import message_queue
from org.models import Post, Staff
from org.predicates import chiefs_of

HOLDER_FIELD = {HolderRole.A: "a_holder", HolderRole.B: "b_holder"}


def holders_of(post: Post) -> dict:
    """What an event records of a post's holders (labelled in abpositions.history)."""
    return {"a_holder": reference(post.a_holder), "b_holder": reference(post.b_holder)}


def _link(change: HolderChange) -> str:
    return reverse("abpositions:change_detail", args=[change.pk])


def holder_change_request(*, actor, post: Post, role: str, proposed: Staff, reason: str) -> HolderChange:
    require(actor, "abpositions.request_holder_change", post)
    errors = {}
    if role not in HOLDER_FIELD:
        errors["role"] = _("Choose the A holder or the B holder.")
    if not reason.strip():
        errors["reason"] = _("Say why the holder changes.")
    if proposed.department_id != post.department_id or not proposed.user.is_active:
        errors["proposed"] = _("The new holder must be an active staff member of the post's section.")
    elif role in HOLDER_FIELD and proposed.pk == getattr(post, f"{HOLDER_FIELD[role]}_id"):
        errors["proposed"] = _("%(name)s already holds this post as %(role)s.") % {
            "name": proposed.name,
            "role": HolderRole(role).label,
        }
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        try:
            with transaction.atomic():
                change = HolderChange.objects.create(
                    post=post,
                    role=role,
                    previous=getattr(post, HOLDER_FIELD[role]),
                    proposed=proposed,
                    reason=reason.strip(),
                    requested_by=actor,
                    requested_at=clock.now(),
                )
        except IntegrityError:
            raise ConflictError(
                _("A change of this post's %(role)s is already waiting for the chief.")
                % {"role": HolderRole(role).label}
            ) from None
        record_event(
            actor=actor,
            verb="holder_change.request",
            subject=post,
            after={"change": reference(change, change.pk), "role": role, "proposed": reference(proposed)},
            reason=change.reason,
        )
        for chief in chiefs_of(post.department).select_related("user"):
            if chief.user_id == actor.pk:
                continue
            message_queue(
                channel=Channel.INBOX,
                recipient=chief.user,
                kind="holder_change.request",
                subject=_("Holder change to approve: %(post)s") % {"post": post.name},
                body=_("%(role)s of %(post)s: %(previous)s → %(proposed)s. Reason: %(reason)s")
                % {
                    "role": HolderRole(role).label,
                    "post": post.name,
                    "previous": change.previous.name,
                    "proposed": proposed.name,
                    "reason": change.reason,
                },
                link=_link(change),
            )
    return change


def _decide(*, actor, change: HolderChange, to: str, note: str) -> HolderChange:
    claimed = HolderChange.objects.filter(pk=change.pk, status=ChangeStatus.PENDING).update(
        status=to, decided_by=actor, decided_at=clock.now(), decision_note=note.strip()
    )
    if claimed != 1:
        raise ConflictError(_("This holder change has been decided already."))
    change.refresh_from_db()
    return change


def _tell_requester(change: HolderChange, subject: str) -> None:
    if change.requested_by_id == change.decided_by_id:
        return  # a chief deciding their own request knows the outcome
    message_queue(
        channel=Channel.INBOX,
        recipient=change.requested_by,
        kind=f"holder_change.{change.status}",
        subject=subject % {"post": change.post.name},
        body=change.decision_note,
        link=_link(change),
    )


def holder_change_approve(*, actor, change: HolderChange, note: str = "") -> HolderChange:
    """The new holder takes the post at once; naming the other holder swaps the two."""
    require(actor, "abpositions.decide_holder_change", change)
    field = HOLDER_FIELD[change.role]
    other = HOLDER_FIELD[HolderRole.B if change.role == HolderRole.A else HolderRole.A]
    with transaction.atomic():
        post = Post.objects.select_for_update().select_related("a_holder", "b_holder").get(pk=change.post_id)
        if getattr(post, f"{field}_id") != change.previous_id:
            raise ConflictError(
                _("The post's %(role)s has changed since this request; reject it and ask again.")
                % {"role": change.get_role_display()}
            )
        if not change.proposed.user.is_active or change.proposed.department_id != post.department_id:
            raise ConflictError(_("%(name)s can no longer hold this post.") % {"name": change.proposed.name})
        change = _decide(actor=actor, change=change, to=ChangeStatus.APPROVED, note=note)
        before = holders_of(post)
        if getattr(post, f"{other}_id") == change.proposed_id:
            setattr(post, other, change.previous)
        setattr(post, field, change.proposed)
        post.save(update_fields=["a_holder", "b_holder"])
        record_event(
            actor=actor,
            verb="holder_change.approve",
            subject=post,
            before=before,
            after={**holders_of(post), "change": reference(change, change.pk)},
            reason=change.decision_note,
        )
        _tell_requester(change, _("Holder change approved: %(post)s"))
        for holder in (post.a_holder, post.b_holder):
            if holder.pk in (change.proposed_id, change.previous_id):
                message_queue(
                    channel=Channel.INBOX,
                    recipient=holder.user,
                    kind="holder_change.holder",
                    subject=_("You now hold %(post)s as %(role)s")
                    % {
                        "post": post.name,
                        "role": HolderRole.A.label if holder.pk == post.a_holder_id else HolderRole.B.label,
                    },
                    body=change.reason,
                    link=_link(change),
                )
    return change


def holder_change_reject(*, actor, change: HolderChange, note: str) -> HolderChange:
    require(actor, "abpositions.decide_holder_change", change)
    if not note.strip():
        raise ValidationError({"note": _("Say why the change is rejected.")})
    with transaction.atomic():
        change = _decide(actor=actor, change=change, to=ChangeStatus.REJECTED, note=note)
        record_event(
            actor=actor,
            verb="holder_change.reject",
            subject=change.post,
            after={"change": reference(change, change.pk), "role": change.role},
            reason=change.decision_note,
        )
        _tell_requester(change, _("Holder change rejected: %(post)s"))
    return change
