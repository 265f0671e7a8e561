from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from workdays.forms import YearForm
from workdays.models import FIRST_YEAR, LAST_YEAR
from workdays.selectors import year_calendar


@login_required
@require_GET
def year(request):
    """The official working-day calendar of one year, for every member of staff."""
    form = YearForm(request.GET)
    if not form.is_valid():
        return render(request, "workdays/year.html", {"form": form}, status=400)
    shown = form.cleaned_data["year"] or timezone.localdate().year
    return render(
        request,
        "workdays/year.html",
        {
            "form": form,
            "calendar": year_calendar(shown),
            "previous_year": shown - 1 if shown > FIRST_YEAR else None,
            "next_year": shown + 1 if shown < LAST_YEAR else None,
        },
    )
