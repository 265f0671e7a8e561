from django import forms
from django.core.validators import FileExtensionValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commitments.models import BreachOutcome
from commitments.selectors_breaches import items_for_breaches, staff_in_reach_of
from core.evidence import EVIDENCE_EXTENSIONS, validate_evidence_file
from core.forms import BootstrapFormMixin
from org.predicates import staff_of


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, staff):
        return f"{staff.name} · {staff.department}"


class BreachForm(BootstrapFormMixin, forms.Form):
    """Record a breach. The staff choices are those the user may record
    against; breach_record checks the permission again."""

    staff = StaffChoiceField(queryset=None, label=_("Staff member"), empty_label=_("— choose —"))
    item = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=_("Service item"),
        empty_label=_("— none —"),
        help_text=_("The item whose commitment was broken, when there is one."),
    )
    occurred_on = forms.DateField(label=_("Occurred on"), widget=forms.DateInput(attrs={"type": "date"}))
    promised = forms.CharField(
        label=_("What was promised"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The service standard or time limit the bureau committed to."),
    )
    happened = forms.CharField(label=_("What happened"), widget=forms.Textarea(attrs={"rows": 4}))
    evidence = forms.CharField(
        label=_("Evidence"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Case numbers, witnesses, records that show it."),
    )
    evidence_file = forms.FileField(
        label=_("Evidence file"),
        required=False,
        validators=[FileExtensionValidator(EVIDENCE_EXTENSIONS), validate_evidence_file],
        widget=forms.FileInput(attrs={"accept": ",".join(f".{ext}" for ext in EVIDENCE_EXTENSIONS)}),
        help_text=_("PDF, JPG, PNG, DOC or DOCX, at most 10 MB."),
    )
    complaint_received = forms.BooleanField(
        label=_("A complaint was received or it had a bad effect"),
        required=False,
        help_text=_("Such a breach goes to accountability (rule 7)."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        me = staff_of(user)
        staff = staff_in_reach_of(user).active()
        if me is not None:
            staff = staff.exclude(pk=me.pk)
        self.fields["staff"].queryset = staff
        self.fields["item"].queryset = items_for_breaches()
        self.fields["occurred_on"].widget.attrs["max"] = timezone.localdate().isoformat()


class BreachDecisionForm(BootstrapFormMixin, forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[(value, label) for value, label in BreachOutcome.choices if value != BreachOutcome.PENDING],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
