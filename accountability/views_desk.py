"""The supervisor's desk and a staff member's own records (rule 7).

The desk shows what waits for the supervisors, each list with its due dates,
late ones red; its counts are the home's (accountability.shell). "My records"
is a staff member's own, with where they stand against the bureau's
thresholds this year."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.http import require_safe

from accountability import selectors_desk
from accountability.thresholds import standings
from core import clock
from core.paginator import IdsFirstPaginator
from org.permissions import permission_required
from org.predicates import staff_of

PAGE_SIZE = 50


@require_safe
@permission_required("accountability.view_desk")
def desk(request):
    user = request.user
    complaints = list(selectors_desk.open_complaints(user)[: selectors_desk.DESK_ROWS])
    for complaint in complaints:
        complaint.due = selectors_desk.complaint_due(complaint)
    return render(
        request,
        "accountability/desk.html",
        {
            "counts": selectors_desk.desk_counts(user),
            "new": list(selectors_desk.new_records(user)[: selectors_desk.DESK_ROWS]),
            "explained": list(selectors_desk.explained_records(user)[: selectors_desk.DESK_ROWS]),
            "red": list(selectors_desk.red_records(user)[: selectors_desk.DESK_ROWS]),
            "appeals": list(selectors_desk.appeals_waiting(user)[: selectors_desk.DESK_ROWS]),
            "complaints": complaints,
            "rows": selectors_desk.DESK_ROWS,
            "today": clock.localdate(),
        },
    )


@require_safe
@login_required
def mine(request):
    me = staff_of(request.user)
    if me is None:
        raise PermissionDenied
    today = clock.localdate()
    records = selectors_desk.my_records(request.user)
    page = IdsFirstPaginator(records.order_by("-occurred_on", "-pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "accountability/mine.html",
        {
            "me": me,
            "counts": selectors_desk.my_counts(request.user),
            "open": list(records.filter(selectors_desk.MY_OPEN).order_by("explain_due", "pk")),
            "page": page,
            "standings": standings(me, today.year),
            "year": today.year,
            "today": today,
        },
    )
