"""Rule 4 pages: the section chief's consent to B acting on A's urgent matter.
B asks from the matter's own page; the chief decides here, from the inbox link."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from abpositions import selectors_consent as selectors
from abpositions.models import ConsentStatus, CoverConsent
from abpositions.services_consent import cover_consent_decide
from core.errors import ConflictError


@require_safe
@login_required
def consent_list(request):
    """The section chief's requests, those waiting first; anyone else's own."""
    consents = selectors.consents_of(request.user)
    if consents is None:
        raise PermissionDenied
    return render(request, "abpositions/consent_list.html", consents)


def _consent_or_404(user, pk) -> CoverConsent:
    consent = selectors.consent_for_page(user, pk)
    if consent is None:
        raise Http404
    return consent


@require_safe
@login_required
def consent_detail(request, pk):
    consent = _consent_or_404(request.user, pk)
    return _render_detail(request, consent)


def _render_detail(request, consent, *, error="", status=200):
    return render(
        request,
        "abpositions/consent_detail.html",
        {
            "consent": consent,
            "can_decide": consent.status == ConsentStatus.ASKED
            and request.user.has_perm("abpositions.decide_cover_consent", consent),
            "error": error,
        },
        status=status,
    )


@require_POST
@login_required
def consent_decide(request, pk):
    """The chief consents (granted=1) or declines with a note (granted=0)."""
    consent = _consent_or_404(request.user, pk)
    if not request.user.has_perm("abpositions.decide_cover_consent", consent):
        raise PermissionDenied
    granted = request.POST.get("granted") == "1"
    try:
        cover_consent_decide(
            actor=request.user, consent=consent, granted=granted, note=request.POST.get("note", "")
        )
    except ValidationError as error:
        return _render_detail(request, consent, error=" ".join(error.messages), status=400)
    except ConflictError as error:
        consent.refresh_from_db()
        return _render_detail(request, consent, error=str(error), status=409)
    if granted:
        messages.success(request, _("Consent given; %(cover)s is told.") % {"cover": consent.cover})
    else:
        messages.success(request, _("Consent declined; %(cover)s is told why.") % {"cover": consent.cover})
    return redirect("abpositions:consent_detail", pk=consent.pk)
