"""Forms of efficiency complaints (效能投诉): the public's, the desk's for one
received by phone or in person, the supervisor's steps, and tracking.

The rules of a complaint (a name and phone unless anonymous, a reason to
decline) live in accountability.services_complaints; these forms only read
the request, so that the service's errors land on the same fields."""

import random
import unicodedata

from captcha.fields import CaptchaField, CaptchaTextInput
from django import forms
from django.utils.translation import gettext_lazy as _

from accountability.models import ComplaintChannel
from commitments.selectors import board_staff
from core.forms import BootstrapFormMixin
from org.models import Department, Staff


def sum_challenge() -> tuple[str, str]:
    """The captcha's challenge: a sum of two small numbers ("7+5=", answer
    "12"), read at a glance and typed on a phone's number pad."""
    first, second = random.randint(1, 9), random.randint(1, 9)
    return f"{first}+{second}=", str(first + second)


class SumCaptchaInput(CaptchaTextInput):
    """The image beside a short numeric input, in the site's Bootstrap."""

    template_name = "accountability/public/captcha_widget.html"

    def __init__(self, attrs=None):
        super().__init__(attrs={"inputmode": "numeric", "size": 4, **(attrs or {})})


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name}（{obj.department.name}）"


class _ComplaintFields(BootstrapFormMixin, forms.Form):
    subject = forms.CharField(
        label=_("What the complaint is about"),
        max_length=200,
        help_text=_("In a few words, e.g. 'Kept waiting at window 3 with no explanation'."),
    )
    description = forms.CharField(
        label=_("What happened to you"),
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": 4000}),
        max_length=4000,
        help_text=_("When and where, who was involved, and what you expected instead."),
    )
    anonymous = forms.BooleanField(label=_("Complain anonymously"), required=False)
    complainant_name = forms.CharField(
        label=_("Your name"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    complainant_phone = forms.CharField(
        label=_("Your phone"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
        help_text=_("We call you about the complaint; its last four digits let you track it."),
    )
    about_department = forms.ModelChoiceField(
        label=_("About the section"),
        queryset=Department.objects.all(),
        required=False,
        empty_label=_("— Not sure —"),
    )
    about_number = forms.CharField(
        label=_("Matter number"),
        max_length=30,
        required=False,
        help_text=_("The number on your receipt or notice, if the complaint is about an application."),
    )


class PublicComplaintForm(_ComplaintFields):
    """The public's form: about a person shown on the public board, and the sum to answer."""

    about_staff = StaffChoiceField(
        label=_("About a member of staff"),
        queryset=board_staff().select_related("department"),
        required=False,
        empty_label=_("— No one in particular, or not sure —"),
        help_text=_("The people listed on the public board, by section."),
    )
    captcha = CaptchaField(
        label=_("Check: what is the sum?"),
        widget=SumCaptchaInput(),
        help_text=_("Type the result of the sum in the picture, so that we know a person sent this."),
        error_messages={"invalid": _("That is not the result of the sum. Try the new one.")},
    )

    field_order = [
        "subject",
        "description",
        "about_staff",
        "about_department",
        "about_number",
        "anonymous",
        "complainant_name",
        "complainant_phone",
        "captcha",
    ]


class DeskComplaintForm(_ComplaintFields):
    """A complaint a staff member takes down from a caller or a visitor at the desk."""

    channel = forms.ChoiceField(
        label=_("Received"),
        choices=[
            (ComplaintChannel.PHONE, ComplaintChannel.PHONE.label),
            (ComplaintChannel.DESK, ComplaintChannel.DESK.label),
        ],
        widget=forms.RadioSelect,
        initial=ComplaintChannel.PHONE,
    )
    about_staff = StaffChoiceField(
        label=_("About a member of staff"),
        queryset=Staff.objects.active().select_related("department"),
        required=False,
        empty_label=_("— No one in particular —"),
    )

    field_order = [
        "channel",
        "subject",
        "description",
        "about_staff",
        "about_department",
        "about_number",
        "anonymous",
        "complainant_name",
        "complainant_phone",
    ]


class ReasonForm(BootstrapFormMixin, forms.Form):
    """Declining or extending: the service asks for the reason."""

    reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 3, "maxlength": 2000})
    )


class AnswerForm(BootstrapFormMixin, forms.Form):
    answer = forms.CharField(
        label=_("Answer to the complainant"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": 4000}),
        help_text=_("Shown on the public tracking page."),
    )
    upheld = forms.TypedChoiceField(
        label=_("Upheld?"),
        choices=[("yes", _("Upheld: opens an accountability record")), ("no", _("Not upheld"))],
        coerce=lambda value: value == "yes",
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    investigation = forms.CharField(
        label=_("Investigation notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 4000}),
        help_text=_("For the file only: never shown to the complainant."),
    )


def _plain(value: str) -> str:
    """Full-width characters (a Chinese input method's ０-９, ＴＳ) read as
    plain ones, and spaces dropped."""
    return "".join(unicodedata.normalize("NFKC", value or "").split())


class TrackForm(BootstrapFormMixin, forms.Form):
    """The number and the phone's last four digits, checked for nothing else:
    a malformed pair gets the very answer a wrong one does."""

    number = forms.CharField(
        label=_("Complaint number"),
        max_length=40,
        help_text=_("Given when you filed it, e.g. TS202612040001."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}
        ),
    )
    phone_last4 = forms.CharField(
        label=_("Last four digits of your phone"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "off", "maxlength": 4, "size": 4}
        ),
    )

    def clean_number(self):
        return _plain(self.cleaned_data["number"])

    def clean_phone_last4(self):
        return _plain(self.cleaned_data["phone_last4"])
