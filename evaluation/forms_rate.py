"""The public's rating form and the rater's grade of a fix: big choices a
thumb can hit on a phone; whether a poor rating has its reason is the
service's rule (evaluation.services.rating_submit), shown on the field."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import BootstrapFormMixin, ServiceErrorsMixin
from evaluation.models import POOR_LEVELS, Grade, Level, PoorReason

LEVEL_ICONS = {
    Level.VERY_SATISFIED: "emoji-laughing",
    Level.SATISFIED: "emoji-smile",
    Level.BASICALLY_SATISFIED: "emoji-neutral",
    Level.DISSATISFIED: "emoji-frown",
    Level.VERY_DISSATISFIED: "emoji-angry",
}


class RateForm(BootstrapFormMixin, ServiceErrorsMixin, forms.Form):
    level = forms.TypedChoiceField(
        label=_("How satisfied are you with our service?"),
        choices=Level.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose one of the five levels.")},
    )
    tags = forms.ModelMultipleChoiceField(
        label=_("What went wrong? (tick any)"),
        queryset=PoorReason.objects.filter(active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    reason = forms.CharField(
        label=_("In your own words"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed with a poor rating unless you tick a reason above."),
    )

    def levels(self) -> list[tuple]:
        """Each level's radio, with its icon and whether it is a poor rating, for the big buttons."""
        return [
            (radio, LEVEL_ICONS[int(radio.data["value"])], int(radio.data["value"]) in POOR_LEVELS)
            for radio in self["level"]
        ]


class GradeForm(BootstrapFormMixin, ServiceErrorsMixin, forms.Form):
    grade = forms.ChoiceField(
        label=_("How satisfied are you with how it was put right?"),
        choices=Grade.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how satisfied you are with the fix.")},
    )
