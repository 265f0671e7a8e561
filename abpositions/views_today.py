"""Rule 4's page on the public board: who serves at each window post today (今日在岗).

Open to everyone, no login, read only: names the staff board shows already,
and for a post nobody answers for, its section's public phone.
"""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from abpositions import selectors_today


@require_safe
def today(request):
    return render(request, "abpositions/board_today.html", {"today": selectors_today.today()})
