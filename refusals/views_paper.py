"""The refusal notice handed to the applicant: a page for the browser to print
on A4, and the same sheet as a PDF.

Giving it is a write (``refusal_notice_give`` records the first time), so a
refusal not yet confirmed (unless decided at the window) or overturned
answers 409 with a page that says why, not the paper."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from core.errors import ConflictError
from core.paper import sheet_pdf
from refusals import selectors, services
from refusals.paper import notice_of


def _given(request, pk):
    """The refusal with its notice given now (or before), or the 409 page."""
    refusal = selectors.refusal_for_page(request.user, pk)
    if refusal is None:
        raise Http404
    try:
        given = services.refusal_notice_give(actor=request.user, refusal=refusal)
    except ConflictError as error:
        withheld = render(
            request, "refusals/notice_withheld.html", {"refusal": refusal, "error": str(error)}, status=409
        )
        return refusal, withheld
    refusal.notice_given_at = given.notice_given_at
    return refusal, None


@require_safe
@login_required
def print_view(request, pk):
    refusal, withheld = _given(request, pk)
    if withheld is not None:
        return withheld
    return render(request, "refusals/print.html", {"refusal": refusal, "sheet": notice_of(refusal)})


@require_safe
@login_required
def pdf(request, pk):
    refusal, withheld = _given(request, pk)
    if withheld is not None:
        return withheld
    response = HttpResponse(sheet_pdf(notice_of(refusal)), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{refusal.number}.pdf"'
    return response
