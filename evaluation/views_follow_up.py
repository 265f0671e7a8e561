"""Rule 8 pages: a poor rating's follow-up, for its section's chief and the supervisors."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from evaluation.models import FollowUp


@require_safe
@login_required
def follow_up(request, pk):
    found = FollowUp.objects.select_related("rating__case", "department", "assigned_to").filter(pk=pk).first()
    if found is None or not request.user.has_perm("evaluation.view_follow_up", found):
        raise Http404
    return render(request, "evaluation/follow_up.html", {"follow_up": found})
