"""B's notes on A's matter: what B could not handle for A while A was away,
kept for the handover (rule 4). The matter lives in a higher app, so it is
named as the audit trail names a subject."""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

import abpositions.rules_consent  # noqa: F401  (the permissions below)
from abpositions.models import Absence, CoverNote
from abpositions.services_consent import subject_key
from audit.services import record_event, reference
from core import clock
from core.errors import require
from org.predicates import staff_of


def notes_on(subject: models.Model) -> list[CoverNote]:
    """The cover notes written on a matter, the earliest first."""
    subject_type, subject_id = subject_key(subject)
    return list(
        CoverNote.objects.filter(subject_type=subject_type, subject_id=subject_id).select_related("author")
    )


def cover_note_add(*, actor, absence: Absence, subject: models.Model, label: str, text: str) -> CoverNote:
    """B records, on A's matter, what they could not handle for A."""
    require(actor, "abpositions.add_cover_note", absence)
    if not text.strip():
        raise ValidationError({"text": _("Write what could not be handled, for the handover.")})
    subject_type, subject_id = subject_key(subject)
    with transaction.atomic():
        note = CoverNote.objects.create(
            absence=absence,
            subject_type=subject_type,
            subject_id=subject_id,
            subject_label=str(label)[:255],
            author=staff_of(actor),
            at=clock.now(),
            text=text.strip()[:2000],
        )
        record_event(
            actor=actor,
            verb="cover_note.add",
            subject=note,
            after={"matter": note.subject_label, "holder": reference(absence.staff), "text": note.text},
            acting_for=absence.staff.user,
        )
    return note
