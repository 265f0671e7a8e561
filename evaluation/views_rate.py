"""The public's rating page (好差评), reached from the receipt's link or QR code."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from evaluation.services import rateable_case


@require_safe
def rate(request, token):
    case = rateable_case(token)
    if case is None:
        raise Http404
    return render(request, "evaluation/rate.html", {"case": case, "token": token})
