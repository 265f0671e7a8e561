"""Public case tracking (办件查询): no login, the case number and the last four
digits of the applicant's phone, and only the status and dates in answer.

Lookups are POSTed, so that numbers stay out of access logs, and limited per
client address against guessing.
"""

from django import forms
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_ratelimit.decorators import ratelimit

from core.forms import BootstrapFormMixin
from deadlines.selectors import track_case

LOOKUPS_PER_MINUTE = 10


class TrackForm(BootstrapFormMixin, forms.Form):
    number = forms.CharField(
        label=_("Case number"),
        max_length=20,
        help_text=_("Printed on your receipt, e.g. 202611020001."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "spellcheck": "false"}),
    )
    phone_last4 = forms.RegexField(
        label=_("Last four digits of your phone"),
        regex=r"^\d{4}$",
        max_length=4,
        min_length=4,
        error_messages={"invalid": _("Enter the last four digits of the phone you gave us.")},
        help_text=_("Of the phone number you gave when you applied."),
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "off", "pattern": r"\d{4}", "size": 4}
        ),
    )

    def clean_number(self):
        return self.cleaned_data["number"].strip()


@never_cache
@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate=f"{LOOKUPS_PER_MINUTE}/m", method="POST", block=False)
def index(request):
    if request.limited:
        response = render(request, "deadlines/track/limited.html", {"limit": LOOKUPS_PER_MINUTE}, status=429)
        response["Retry-After"] = "60"
        return response
    form = TrackForm(request.POST if request.method == "POST" else None)
    case = None
    not_found = False
    if form.is_bound and form.is_valid():
        case = track_case(form.cleaned_data["number"], form.cleaned_data["phone_last4"])
        # One answer for a wrong number and a wrong phone: neither is confirmed to a guesser.
        not_found = case is None
    if case is not None:
        form = TrackForm()
    return render(request, "deadlines/track/index.html", {"form": form, "case": case, "not_found": not_found})
