"""Rule 7 pages about records: a record with its card, explanation, appeal and decisions."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from accountability import selectors


def _record_or_404(user, pk):
    record = selectors.record_for_page(user, pk)
    if record is None:
        raise Http404
    return record


@require_safe
@login_required
def record(request, pk):
    return render(request, "accountability/record.html", {"record": _record_or_404(request.user, pk)})
