"""Rule 7 pages about efficiency complaints, for the supervisors."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from accountability import selectors


def _complaint_or_404(user, pk):
    complaint = selectors.complaint_for_page(user, pk)
    if complaint is None:
        raise Http404
    return complaint


@require_safe
@login_required
def complaint(request, pk):
    return render(
        request, "accountability/complaint.html", {"complaint": _complaint_or_404(request.user, pk)}
    )
