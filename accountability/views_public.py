"""Efficiency complaints from the public (效能投诉): filed without login, tracked
with the number and the last four digits of the phone (rule 7).

Both pages are limited per client address (core.http.client_ip, through
django-ratelimit's RATELIMIT_IP_META_KEY): filing, so that one address cannot
flood the supervisors; tracking, so that nobody walks the 10,000 last-four
combinations of someone else's complaint. The form also asks a small sum
drawn as an image (django-simple-captcha), which needs no outside service.
"""

from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_ratelimit.core import get_usage
from django_ratelimit.decorators import ratelimit

from accountability import selectors, services_complaints
from accountability.forms_complaints import PublicComplaintForm, TrackForm
from accountability.models import ComplaintChannel

# The same limit as the API's throttle scope "complaint" (settings.REST_FRAMEWORK).
COMPLAINTS_PER_HOUR = 5
LOOKUPS_PER_HOUR = 10
FILE_RATE = f"{COMPLAINTS_PER_HOUR}/h"
FILE_GROUP = "accountability.complaint_file"


def _limited(request, *, limit: int, back: str, back_label: str, what: str):
    response = render(
        request,
        "accountability/public/limited.html",
        {"limit": limit, "back": back, "back_label": back_label, "what": what},
        status=429,
    )
    response["Retry-After"] = "3600"
    return response


def _filings(request, *, increment: bool) -> int:
    """Complaints filed from this address this hour: only a filing counts, so
    that a mistyped sum does not use up a person's allowance."""
    usage = get_usage(request, group=FILE_GROUP, key="ip", rate=FILE_RATE, increment=increment)
    return usage["count"] if usage else 0


@never_cache
@require_http_methods(["GET", "POST"])
def complaint_new(request):
    if request.method == "POST" and _filings(request, increment=False) >= COMPLAINTS_PER_HOUR:
        return _limited(
            request,
            limit=COMPLAINTS_PER_HOUR,
            back="complaints:new",
            back_label=_("Back to the complaint form"),
            what=_("Complaints are limited to %(limit)s an hour from one address.")
            % {"limit": COMPLAINTS_PER_HOUR},
        )
    form = PublicComplaintForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "captcha"}
        try:
            complaint = services_complaints.complaint_file(
                actor=request.user if request.user.is_authenticated else None,
                channel=ComplaintChannel.WEB,
                **data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            _filings(request, increment=True)
            return render(request, "accountability/public/filed.html", {"complaint": complaint})
    status = 400 if form.is_bound else 200
    return render(request, "accountability/public/new.html", {"form": form}, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate=f"{LOOKUPS_PER_HOUR}/h", method="POST", block=False)
def complaint_track(request):
    """Every pair that finds nothing, whatever is wrong with it, gets the same page."""
    if request.limited:
        return _limited(
            request,
            limit=LOOKUPS_PER_HOUR,
            back="complaints:track",
            back_label=_("Back to complaint tracking"),
            what=_(
                "Lookups are limited to %(limit)s an hour from one address, so that nobody can guess "
                "other people's complaints."
            )
            % {"limit": LOOKUPS_PER_HOUR},
        )
    form = TrackForm(request.POST if request.method == "POST" else None)
    complaint, not_found = None, False
    if form.is_bound and form.is_valid():
        complaint = selectors.complaint_to_track(
            form.cleaned_data["number"], form.cleaned_data["phone_last4"]
        )
        not_found = complaint is None
    if complaint is not None:
        form = TrackForm()
    return render(
        request,
        "accountability/public/track.html",
        {"form": form, "complaint": complaint, "not_found": not_found},
    )
