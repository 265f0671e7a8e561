"""Reads of consent requests (rule 4): whose the user sees."""

from django.db.models import QuerySet

from abpositions.models import ConsentStatus, CoverConsent
from org.predicates import is_section_chief, staff_of


def _consents() -> QuerySet[CoverConsent]:
    return CoverConsent.objects.select_related("absence__staff__department", "cover", "decided_by__staff")


def consents_of(user) -> dict[str, list[CoverConsent]] | None:
    """The section chief's requests (their section's absences), anyone else's
    own as the cover who asked: the latest hundred, split into waiting and
    decided. None for a login without a staff record."""
    me = staff_of(user)
    if me is None:
        return None
    if is_section_chief(user):
        rows = _consents().filter(absence__staff__department_id=me.department_id)
    else:
        rows = _consents().filter(cover=me)
    rows = list(rows.order_by("-asked_at", "-pk")[:100])
    return {
        "waiting": [c for c in rows if c.status == ConsentStatus.ASKED],
        "decided": [c for c in rows if c.status != ConsentStatus.ASKED],
    }


def consent_for_page(user, pk) -> CoverConsent | None:
    """The request, or None when the user may not see it (a 404, not a 403)."""
    consent = _consents().filter(pk=pk).first()
    if consent is None or not user.has_perm("abpositions.view_cover_consent", consent):
        return None
    return consent
