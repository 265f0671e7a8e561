"""The section chief's consent before B acts on A's urgent matter
("请示本科室负责人同意后，处理A岗的急办事项"): B asks in one click, the chief
consents or declines, both recorded. The matter lives in a higher app, so it
is named as the audit trail names a subject (its model and id)."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

import abpositions.rules_consent  # noqa: F401  (the permissions below)
from abpositions.cover import current_absences
from abpositions.models import Absence, ConsentStatus, CoverConsent
from audit.services import record_event, reference
from core import clock
from core.errors import ConflictError, require
from messaging.models import Channel
from messaging.services import message_queue
from org.predicates import chiefs_of, staff_of


def subject_key(subject: models.Model) -> tuple[str, str]:
    """How a consent names its matter: ("deadlines.case", "42")."""
    content_type = ContentType.objects.get_for_model(subject, for_concrete_model=False)
    return f"{content_type.app_label}.{content_type.model}", str(subject.pk)


def absence_of(holder_id: int | None, at=None) -> Absence | None:
    """The absence of the holder in force at ``at`` (now by default)."""
    if holder_id is None:
        return None
    return current_absences([holder_id], at).get(holder_id)


def consent_for(absence: Absence | None, subject: models.Model) -> CoverConsent | None:
    """The consent asked for this matter during this absence, if any."""
    if absence is None:
        return None
    subject_type, subject_id = subject_key(subject)
    return CoverConsent.objects.filter(
        absence=absence, subject_type=subject_type, subject_id=subject_id
    ).first()


def _snapshot(consent: CoverConsent) -> dict:
    return {
        "status": consent.status,
        "matter": consent.subject_label,
        "holder": reference(consent.absence.staff),
        "cover": reference(consent.cover),
    }


def cover_consent_ask(*, actor, absence: Absence, subject: models.Model, label: str) -> CoverConsent:
    """B asks the chief of A's section to consent to B acting on A's urgent
    matter ``subject``; once per matter and absence."""
    require(actor, "abpositions.ask_cover_consent", absence)
    subject_type, subject_id = subject_key(subject)
    try:
        with transaction.atomic():
            consent = CoverConsent.objects.create(
                absence=absence,
                subject_type=subject_type,
                subject_id=subject_id,
                subject_label=str(label)[:255],
                cover=staff_of(actor),
                asked_at=clock.now(),
            )
            record_event(
                actor=actor,
                verb="cover_consent.ask",
                subject=consent,
                after=_snapshot(consent),
                acting_for=absence.staff.user,
            )
            for chief in chiefs_of(absence.staff.department_id).select_related("user"):
                if chief.pk == consent.cover_id:
                    continue
                message_queue(
                    channel=Channel.INBOX,
                    recipient=chief.user,
                    kind="cover_consent.ask",
                    subject=_("Consent asked: %(cover)s to act for %(holder)s")
                    % {"cover": consent.cover, "holder": absence.staff},
                    body=_("%(cover)s, covering for %(holder)s, asks to act on an urgent matter: %(label)s")
                    % {"cover": consent.cover, "holder": absence.staff, "label": consent.subject_label},
                    link=reverse("abpositions:consent_detail", args=[consent.pk]),
                )
    except IntegrityError:
        raise ConflictError(
            _("The chief has been asked about this matter already during this absence.")
        ) from None
    return consent


def cover_consent_decide(*, actor, consent: CoverConsent, granted: bool, note: str = "") -> CoverConsent:
    """The chief consents, or declines (with a note), once."""
    require(actor, "abpositions.decide_cover_consent", consent)
    if not granted and not note.strip():
        raise ValidationError({"note": _("Say why you decline, so that the cover knows what to do.")})
    status = ConsentStatus.GRANTED if granted else ConsentStatus.DECLINED
    with transaction.atomic():
        claimed = CoverConsent.objects.filter(pk=consent.pk, status=ConsentStatus.ASKED).update(
            status=status, decided_by=actor, decided_at=clock.now(), note=note.strip()
        )
        if claimed != 1:
            raise ConflictError(_("This request has been decided already."))
        before = _snapshot(consent)
        consent.refresh_from_db()
        record_event(
            actor=actor,
            verb="cover_consent.decide",
            subject=consent,
            before=before,
            after=_snapshot(consent),
            reason=note.strip(),
        )
        if granted:
            subject = _("Consent given: %(label)s") % {"label": consent.subject_label}
        else:
            subject = _("Consent declined: %(label)s") % {"label": consent.subject_label}
        message_queue(
            channel=Channel.INBOX,
            recipient=consent.cover.user,
            kind="cover_consent.decide",
            subject=subject,
            body=note.strip() or subject,
            link=reverse("abpositions:consent_detail", args=[consent.pk]),
        )
    return consent
