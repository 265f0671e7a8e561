"""Public case tracking (办件查询): no login, the case number and the last four
digits of the applicant's phone, and only the status and dates in answer.

Lookups are POSTed, so that numbers stay out of access logs, and limited per
client address against guessing.
"""

import re
import unicodedata

from django import forms
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_ratelimit.decorators import ratelimit

from core.forms import BootstrapFormMixin
from deadlines.selectors import track_case

LOOKUPS_PER_MINUTE = 10
# The day it was received (YYYYMMDD) and its serial of that day: core.numbers.
CASE_NUMBER_RE = re.compile(r"[0-9]{8}[0-9]{4}")


def _digits(value: str) -> str:
    """Full-width digits (a Chinese input method's ０-９) read as 0-9, and
    spaces around or inside a number copied from a receipt are dropped."""
    return "".join(unicodedata.normalize("NFKC", value).split())


class TrackForm(BootstrapFormMixin, forms.Form):
    # The fields check their format themselves, so that a short or long entry
    # gets the same plain explanation as a wrong character.
    number = forms.CharField(
        label=_("Case number"),
        help_text=_("Printed on your receipt, e.g. 202611020001."),
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "off", "spellcheck": "false", "maxlength": 20}
        ),
    )
    phone_last4 = forms.CharField(
        label=_("Last four digits of your phone"),
        help_text=_("Of the phone number you gave when you applied."),
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "off",
                "pattern": "[0-9]{4}",
                "maxlength": 4,
                "size": 4,
            }
        ),
    )

    def clean_number(self):
        number = _digits(self.cleaned_data["number"])
        if not CASE_NUMBER_RE.fullmatch(number):
            raise forms.ValidationError(
                _("A case number is the 12 digits printed on your receipt, e.g. 202611020001."),
                code="invalid",
            )
        return number

    def clean_phone_last4(self):
        last4 = _digits(self.cleaned_data["phone_last4"])
        if not re.fullmatch(r"[0-9]{4}", last4):
            raise forms.ValidationError(
                _("Enter the last four digits of the phone you gave us."), code="invalid"
            )
        return last4


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
