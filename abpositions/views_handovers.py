"""Rule 4 pages: handovers (交接). My handovers, given and received; one
handover with what it lists, the cover's remarks form and A's acknowledge
button; the handover on paper and as a PDF.

Every write goes through abpositions.services_handovers: a handover the user
may not see is 404, one they see but may not act on 403, a state that does
not allow the step a message on the handover's page (409 in the API).
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from abpositions import selectors_handovers as selectors
from abpositions import services_handovers as services
from abpositions.models import HandoverStatus
from abpositions.paper_handovers import paper_of
from core import clock
from core.errors import ConflictError
from core.forms import BootstrapFormMixin
from core.paper import sheet_pdf
from org.permissions import permission_required


class HandOverForm(BootstrapFormMixin, forms.Form):
    remarks = forms.CharField(
        label=gettext_lazy("Remarks for the A holder"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "What A should know: matters still open, documents to take back, whom to call."
        ),
    )


def _handover_or_404(user, pk):
    handover = selectors.handover_for_page(user, pk)
    if handover is None:
        raise Http404
    return handover


@require_GET
@permission_required("abpositions.view_my_handovers")
def mine(request):
    return render(
        request,
        "abpositions/handovers/mine.html",
        {**selectors.my_handovers(request.user), "today": clock.localdate()},
    )


def _render_detail(request, handover, *, form=None):
    user = request.user
    may_hand_over = handover.status == HandoverStatus.DRAFT and user.has_perm(
        "abpositions.hand_over", handover
    )
    return render(
        request,
        "abpositions/handovers/detail.html",
        {
            "handover": handover,
            "absence": handover.absence,
            "matters": selectors.matters_of([handover])[handover.pk],
            "notes": list(handover.absence.notes.all()),
            "form": (form or HandOverForm()) if may_hand_over else None,
            "may_acknowledge": handover.status == HandoverStatus.HANDED
            and user.has_perm("abpositions.acknowledge_handover", handover),
            "today": clock.localdate(),
        },
    )


@require_GET
@login_required
def detail(request, pk):
    return _render_detail(request, _handover_or_404(request.user, pk))


@require_POST
@login_required
def hand_over(request, pk):
    handover = _handover_or_404(request.user, pk)
    if not request.user.has_perm("abpositions.hand_over", handover):
        raise PermissionDenied
    form = HandOverForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, handover, form=form)
    try:
        services.handover_hand_over(
            actor=request.user, handover=handover, remarks=form.cleaned_data["remarks"]
        )
    except ConflictError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Handed over to %(name)s.") % {"name": handover.holder.name})
    return redirect("abpositions:handover", pk=handover.pk)


@require_POST
@login_required
def acknowledge(request, pk):
    handover = _handover_or_404(request.user, pk)
    if not request.user.has_perm("abpositions.acknowledge_handover", handover):
        raise PermissionDenied
    try:
        services.handover_acknowledge(actor=request.user, handover=handover)
    except ConflictError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Handover from %(name)s acknowledged.") % {"name": handover.cover.name})
    return redirect("abpositions:handover", pk=handover.pk)


def _sheet(handover):
    """The paper is the bureau's record in Chinese whatever the screen's language (as its other papers)."""
    with translation.override("zh-hans"):
        return paper_of(handover, selectors.matters_of([handover])[handover.pk])


@require_GET
@login_required
def print_view(request, pk):
    """The handover for the browser to print on A4, to be signed by both."""
    handover = _handover_or_404(request.user, pk)
    sheet = _sheet(handover)
    return render(request, "abpositions/handovers/print.html", {"handover": handover, "sheet": sheet})


@require_GET
@login_required
def pdf(request, pk):
    handover = _handover_or_404(request.user, pk)
    sheet = _sheet(handover)
    response = HttpResponse(sheet_pdf(sheet), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{sheet.number}.pdf"'
    return response
