"""The public's rating page (好差评), reached from the receipt's link or QR
code, or the completion SMS: no login, made for a phone.

One link serves a case for good: it rates the completed case once; after a
poor rating whose follow-up is fixed, it asks the rater to grade the fix;
otherwise (a link not ours, a case not completed, rated already, a fix
graded) it answers the same page, so that nobody learns from it which cases
exist or were rated. Staff are logged in and do not rate their own service.
Sending is limited per client address, as rule 7's public form is.
"""

from constance import config
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_ratelimit.decorators import ratelimit

from evaluation import services
from evaluation.forms_rate import GradeForm, RateForm
from evaluation.models import RatingChannel

POSTS_PER_HOUR = 20
CHANNELS = {RatingChannel.QR, RatingChannel.SMS, RatingChannel.WEB, RatingChannel.DEVICE}


def _channel(request) -> str:
    channel = request.GET.get("c", "")
    return channel if channel in CHANNELS else RatingChannel.WEB


def _refused(request):
    return render(
        request, "evaluation/public/refused.html", {"message": services.LinkRefused().message}, status=400
    )


def _staff_refused(request):
    return render(request, "evaluation/public/staff.html", status=403)


def _limited(request):
    response = render(request, "evaluation/public/limited.html", {"limit": POSTS_PER_HOUR}, status=429)
    response["Retry-After"] = "3600"
    return response


def _handled_by(case) -> str:
    """The handler as the public staff board shows them: the name (and title)
    of one listed on the board, else only that a member of the section."""
    handler = case.handler
    if handler is None or not handler.shown_on_board:
        return _("A member of the section")
    return f"{handler.name} {handler.title}".strip()


def _case_context(case) -> dict:
    return {"case": case, "handled_by": _handled_by(case)}


@never_cache
@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate=f"{POSTS_PER_HOUR}/h", method="POST", block=False)
def rate(request, token):
    if request.user.is_authenticated:
        return _staff_refused(request)
    if request.limited:
        return _limited(request)
    case = services.rateable_case(token)
    if case is None:
        follow_up = services.gradeable_follow_up(token)
        return _refused(request) if follow_up is None else _grade(request, token, follow_up)
    form = RateForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            rating = services.rating_submit(
                actor=request.user, token=token, channel=_channel(request), **form.cleaned_data
            )
        except services.LinkRefused:
            return _refused(request)
        except PermissionDenied:
            return _staff_refused(request)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            return _thanks(request, rating)
    context = {**_case_context(case), "form": form, "channel": _channel(request)}
    return render(request, "evaluation/rate.html", context, status=400 if form.is_bound else 200)


def _thanks(request, rating):
    follow_up = getattr(rating, "follow_up", None) if rating.poor else None
    context = {
        **_case_context(rating.case),
        "rating": rating,
        "follow_up": follow_up,
        "days": config.POOR_RATING_FOLLOW_UP_WD,
    }
    return render(request, "evaluation/rate_thanks.html", context)


def _grade(request, token, follow_up):
    """The rater grades the section's fix of their poor rating, once."""
    case = follow_up.rating.case
    form = GradeForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            follow_up = services.follow_up_grade(
                actor=request.user, token=token, grade=form.cleaned_data["grade"]
            )
        except services.LinkRefused:
            return _refused(request)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            return render(
                request, "evaluation/public/graded.html", {**_case_context(case), "follow_up": follow_up}
            )
    context = {**_case_context(case), "follow_up": follow_up, "form": form}
    return render(request, "evaluation/public/grade.html", context, status=400 if form.is_bound else 200)
