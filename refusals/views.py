"""Rule 6 pages: a refusal with its history, where its chief confirms or overturns it.

Every write goes through refusals.services: a ValidationError lands on the
form, a ConflictError ("decided already") is a message on the page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from core import clock
from core.errors import ConflictError
from refusals import selectors, services
from refusals.models import RefusalStatus


def _refusal_or_404(user, pk):
    refusal = selectors.refusal_for_page(user, pk)
    if refusal is None:
        raise Http404
    return refusal


def _render(request, refusal, *, error="", opinion="", conflict="", status=200):
    return render(
        request,
        "refusals/detail.html",
        {
            "refusal": refusal,
            "can_decide": refusal.status == RefusalStatus.FILED
            and request.user.has_perm("refusals.decide_refusal", refusal),
            "review_late": refusal.status == RefusalStatus.FILED and refusal.review_due < clock.localdate(),
            "error": error,
            "opinion": opinion,
            "conflict": conflict,
        },
        status=status,
    )


@require_safe
@login_required
def detail(request, pk):
    return _render(request, _refusal_or_404(request.user, pk))


@require_POST
@login_required
def decide(request, pk):
    """The chief's decision: ``decision`` is confirm or overturn, with the opinion."""
    refusal = _refusal_or_404(request.user, pk)
    if not request.user.has_perm("refusals.decide_refusal", refusal):
        raise PermissionDenied
    decision, opinion = request.POST.get("decision"), request.POST.get("opinion", "")
    try:
        if decision == "confirm":
            services.refusal_confirm(actor=request.user, refusal=refusal, opinion=opinion)
            messages.success(request, _("Refusal %(number)s confirmed.") % {"number": refusal.number})
        elif decision == "overturn":
            services.refusal_overturn(actor=request.user, refusal=refusal, opinion=opinion)
            messages.success(request, _("Refusal %(number)s overturned.") % {"number": refusal.number})
        else:
            return _render(request, refusal, error=_("Confirm or overturn the refusal."), status=400)
    except ValidationError as error:
        return _render(request, refusal, error=" ".join(error.messages), opinion=opinion, status=400)
    except ConflictError as error:
        # Decided already (by another chief's click, a moment before): the page as it is now.
        refusal = _refusal_or_404(request.user, pk)
        return _render(request, refusal, conflict=str(error), status=409)
    return redirect("refusals:detail", pk=refusal.pk)
