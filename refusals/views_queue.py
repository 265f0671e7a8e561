"""The section chief's review queue of refusals (rule 6): what waits for their
decision, earliest due first, late ones red; and what they decided lately."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from core import clock
from org.permissions import permission_required
from refusals import selectors, selectors_queue


@require_safe
@permission_required("refusals.view_queue")
def queue(request):
    today = clock.localdate()
    waiting = list(selectors.waiting_review(request.user))
    return render(
        request,
        "refusals/queue.html",
        {
            "waiting": waiting,
            "counts": selectors_queue.queue_counts(waiting, today),
            "decided": list(selectors_queue.recently_decided(request.user)),
            "recent_days": selectors_queue.RECENT_DAYS,
            "today": today,
        },
    )
