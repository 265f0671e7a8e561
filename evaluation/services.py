"""Rule 8's writes: the public's rating of a case, the default rating of a case
left unrated, and the follow-up of a poor rating (差评整改) by the section."""

from constance import config
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from audit.services import record_event, reference
from core import clock
from core.errors import ConflictError, InputRefused, require
from deadlines.models import Case, CaseStatus
from evaluation import tokens
from evaluation.models import (
    POOR_LEVELS,
    AppealStatus,
    FollowUp,
    FollowUpStatus,
    Grade,
    Level,
    PoorReason,
    Rating,
    RatingChannel,
)
from messaging.models import Channel
from messaging.services import MessageSpec, message_queue_many
from org.predicates import staff_of
from org.selectors import chiefs_or_supervisors
from workdays.days import UnpublishedYearError, add_working_days

RATER_CHANNELS = {
    RatingChannel.QR,
    RatingChannel.SMS,
    RatingChannel.WEB,
    RatingChannel.DEVICE,
    RatingChannel.OTHER,
}


class LinkRefused(InputRefused):
    """A rating link that is not valid, or whose case is rated already: the same answer for both."""

    @property
    def message(self) -> str:
        # Built when shown, so that it speaks the language of the request.
        return _("This rating link is not valid, or the case has been rated already.")


def rateable_case(token: str) -> Case | None:
    """The completed, unrated case a token is for; None for any other token."""
    number = tokens.case_number(token)
    if number is None:
        return None
    return (
        Case.objects.filter(number=number, status=CaseStatus.COMPLETED, rating__isnull=True)
        .select_related("handler", "department", "service_item")
        .first()
    )


def gradeable_follow_up(token: str) -> FollowUp | None:
    """The fixed, ungraded follow-up of the case a token is for: the rater
    grades the fix from the rating link. None for any other token."""
    number = tokens.case_number(token)
    if number is None:
        return None
    return (
        FollowUp.objects.filter(rating__case__number=number, status=FollowUpStatus.FIXED, grade="")
        .select_related("rating__case__handler", "rating__case__department")
        .first()
    )


def rating_submit(
    *, actor, token: str, level: int, reason: str = "", tags=(), channel=RatingChannel.WEB
) -> Rating:
    """The applicant rates a completed case, once; staff may not rate (their own service)."""
    if actor is not None and actor.is_authenticated:
        raise PermissionDenied(_("Staff do not rate the bureau's service."))
    reason, tags = (reason or "").strip(), list(tags or ())
    if level not in Level.values:
        raise ValidationError({"level": _("Choose one of the five levels.")})
    if channel not in RATER_CHANNELS:
        raise ValidationError({"channel": _("Unknown channel.")})
    if level in POOR_LEVELS and not reason and not tags:
        raise ValidationError({"reason": _("Tell us what went wrong: tick a reason or write one.")})
    if any(not isinstance(tag, PoorReason) or not tag.active for tag in tags):
        raise ValidationError({"tags": _("Choose reasons from the list.")})
    try:
        with transaction.atomic():
            case = rateable_case(token)
            if case is None:
                raise LinkRefused()
            rating = _rate(case, level, reason, channel, is_default=False)
            if level in POOR_LEVELS:
                rating.tags.set(tags)
                _open_follow_up(rating)
    except IntegrityError:
        raise LinkRefused() from None
    return rating


def _rate(case, level, reason, channel, *, is_default) -> Rating:
    rating = Rating.objects.create(
        case=case,
        level=level,
        reason=reason,
        channel=channel,
        is_default=is_default,
        rated_at=clock.now(),
        staff=case.handler,
        department=case.department,
        named=bool(case.applicant_name and case.applicant_phone),
    )
    record_event(
        actor=None,
        verb="rating.submit",
        subject=case,
        after={"level": str(level), "channel": channel, "is_default": is_default},
        reason=reason,
    )
    return rating


def _follow_up_due(today):
    try:
        return add_working_days(today, config.POOR_RATING_FOLLOW_UP_WD)
    except UnpublishedYearError:
        return today.replace(month=12, day=31)


def _open_follow_up(rating: Rating) -> FollowUp:
    """谁办理谁负责: the follow-up goes to the handler's section chief (the supervisors where it has none)."""
    chiefs = chiefs_or_supervisors({rating.department_id})[rating.department_id]
    # A bureau with neither a chief of the section nor a supervisor: the handler answers for it.
    chiefs = chiefs or [rating.staff]
    follow_up = FollowUp.objects.create(
        rating=rating,
        department=rating.department,
        assigned_to=chiefs[0],
        opened_at=clock.now(),
        due=_follow_up_due(clock.localdate()),
    )
    record_event(
        actor=None,
        verb="follow_up.open",
        subject=follow_up,
        after={"assigned_to": reference(follow_up.assigned_to), "due": follow_up.due.isoformat()},
    )
    message_queue_many(
        [
            MessageSpec(
                channel=Channel.INBOX,
                recipient_id=chief.user_id,
                kind="evaluation.poor_rating",
                subject=_("Poor rating of case %(number)s: follow up by %(day)s")
                % {"number": rating.case.number, "day": follow_up.due.isoformat()},
                body=rating.reason or ", ".join(tag.name for tag in rating.tags.all()),
                link=follow_up.get_absolute_url(),
                dedupe_key=f"follow_up:{follow_up.pk}:open:{chief.pk}",
            )
            for chief in chiefs
        ]
    )
    return follow_up


def _lock(follow_up) -> FollowUp:
    return (
        FollowUp.objects.select_for_update(of=("self",))
        .select_related("rating", "rating__case")
        .get(pk=follow_up.pk)
    )


def follow_up_call_back(*, actor, follow_up: FollowUp, note: str) -> FollowUp:
    """回访: the section called the rater back; what was said."""
    require(actor, "evaluation.work_follow_up", follow_up)
    if not (note or "").strip():
        raise ValidationError({"note": _("Write what the rater said.")})
    with transaction.atomic():
        follow_up = _lock(follow_up)
        if follow_up.status != FollowUpStatus.OPEN:
            raise ConflictError(_("The rater has been called back already."))
        follow_up.status = FollowUpStatus.CALLED
        follow_up.called_at, follow_up.called_by, follow_up.call_note = (
            clock.now(),
            staff_of(actor),
            note.strip(),
        )
        follow_up.save(update_fields=["status", "called_at", "called_by", "call_note"])
        record_event(
            actor=actor,
            verb="follow_up.call_back",
            subject=follow_up,
            before={"status": FollowUpStatus.OPEN},
            after={"status": follow_up.status},
            reason=follow_up.call_note,
        )
    return follow_up


def follow_up_fix(*, actor, follow_up: FollowUp, note: str) -> FollowUp:
    """整改: what the section did about it, after the call-back."""
    require(actor, "evaluation.work_follow_up", follow_up)
    if not (note or "").strip():
        raise ValidationError({"note": _("Write what was done.")})
    with transaction.atomic():
        follow_up = _lock(follow_up)
        if follow_up.status != FollowUpStatus.CALLED:
            raise ConflictError(_("Call the rater back before recording the fix; a fix is recorded once."))
        follow_up.status = FollowUpStatus.FIXED
        follow_up.fixed_at, follow_up.fixed_by, follow_up.fix_note = (
            clock.now(),
            staff_of(actor),
            note.strip(),
        )
        follow_up.save(update_fields=["status", "fixed_at", "fixed_by", "fix_note"])
        record_event(
            actor=actor,
            verb="follow_up.fix",
            subject=follow_up,
            before={"status": FollowUpStatus.CALLED},
            after={"status": follow_up.status},
            reason=follow_up.fix_note,
        )
    return follow_up


def follow_up_grade(*, actor, token: str, grade: str) -> FollowUp:
    """The rater grades the fix from the same link, once."""
    if actor is not None and actor.is_authenticated:
        raise PermissionDenied(_("Staff do not rate the bureau's service."))
    if grade not in Grade.values:
        raise ValidationError({"grade": _("Choose how satisfied you are with the fix.")})
    number = tokens.case_number(token)
    with transaction.atomic():
        follow_up = (
            FollowUp.objects.select_for_update(of=("self",))
            .filter(rating__case__number=number, status=FollowUpStatus.FIXED, grade="")
            .first()
            if number
            else None
        )
        if follow_up is None:
            raise LinkRefused()
        follow_up.grade, follow_up.graded_at = grade, clock.now()
        follow_up.save(update_fields=["grade", "graded_at"])
        record_event(actor=None, verb="follow_up.grade", subject=follow_up, after={"grade": grade})
    return follow_up


def follow_up_appeal(*, actor, follow_up: FollowUp, reason: str, evidence=None) -> FollowUp:
    """申诉复核: the section says the rating is wrong or malicious, with evidence, once."""
    require(actor, "evaluation.work_follow_up", follow_up)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say why the rating is wrong.")})
    with transaction.atomic():
        follow_up = _lock(follow_up)
        if follow_up.appeal_status:
            raise ConflictError(_("This rating has been appealed already."))
        follow_up.appeal_status, follow_up.appeal_reason = AppealStatus.FILED, reason.strip()
        follow_up.appealed_at, follow_up.appealed_by = clock.now(), staff_of(actor)
        if evidence is not None:
            follow_up.appeal_evidence = evidence
        follow_up.save()
        record_event(
            actor=actor,
            verb="follow_up.appeal",
            subject=follow_up,
            after={"appeal_status": AppealStatus.FILED},
            reason=follow_up.appeal_reason,
        )
    return follow_up


def follow_up_appeal_decide(*, actor, follow_up: FollowUp, uphold: bool, opinion: str) -> FollowUp:
    """A supervisor upholds the appeal (the rating excluded from the figures, visibly) or dismisses it."""
    require(actor, "evaluation.decide_rating_appeal", follow_up)
    if not (opinion or "").strip():
        raise ValidationError({"opinion": _("Give the reasons for the decision on the appeal.")})
    with transaction.atomic():
        follow_up = _lock(follow_up)
        if follow_up.appeal_status != AppealStatus.FILED:
            raise ConflictError(_("There is no appeal waiting on this rating."))
        before = {"appeal_status": follow_up.appeal_status, "status": follow_up.status}
        follow_up.appeal_status = AppealStatus.UPHELD if uphold else AppealStatus.DISMISSED
        follow_up.appeal_decided_by, follow_up.appeal_decided_at = staff_of(actor), clock.now()
        follow_up.appeal_opinion = opinion.strip()
        if uphold:
            follow_up.status = FollowUpStatus.EXCLUDED
            Rating.objects.filter(pk=follow_up.rating_id).update(excluded=True)
        follow_up.save()
        record_event(
            actor=actor,
            verb="follow_up.appeal_decide",
            subject=follow_up,
            before=before,
            after={"appeal_status": follow_up.appeal_status, "status": follow_up.status},
            reason=follow_up.appeal_opinion,
        )
    return follow_up
