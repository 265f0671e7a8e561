"""The forms of rule 8's follow-up pages: the call-back, the fix, the
section's appeal (申诉复核) with its evidence file, the supervisor's decision
on it; and the list's filters, which the API shares.

The services check everything again; the forms only shape what was typed and
keep it when the page comes back with its errors. The evidence file is
checked as rule 7's are (type by content, at most 10 MB)."""

import django_filters
from django import forms
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext_lazy as _

from core import clock
from core.evidence import EVIDENCE_EXTENSIONS, validate_evidence_file
from core.forms import BootstrapFormMixin, ServiceErrorsMixin
from evaluation import selectors
from evaluation.models import AppealStatus, FollowUp, FollowUpStatus
from org.models import Department

PENDING = "pending"


class FollowUpForm(ServiceErrorsMixin, BootstrapFormMixin, forms.Form):
    """Each form's fields carry its own prefix (auto_id), so several forms share a page."""


class CallBackForm(FollowUpForm):
    note = forms.CharField(
        label=_("What the rater said"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Who was called, when, and what they told you."),
    )


class FixForm(FollowUpForm):
    note = forms.CharField(
        label=_("What was done to fix it"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The rater may grade the fix from their rating link."),
    )


class AppealForm(FollowUpForm):
    reason = forms.CharField(
        label=_("Why the rating is wrong or malicious"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("A supervisor decides; upheld, the rating is excluded from the figures. Once only."),
    )
    evidence = forms.FileField(
        label=_("Evidence"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(f".{ext}" for ext in EVIDENCE_EXTENSIONS)}),
        validators=[FileExtensionValidator(EVIDENCE_EXTENSIONS), validate_evidence_file],
        help_text=_("PDF, JPG, PNG, DOC or DOCX, at most 10 MB."),
    )


class AppealDecideForm(FollowUpForm):
    decision = forms.ChoiceField(
        label=_("Decision on the appeal"),
        choices=[
            ("uphold", _("Uphold: exclude the rating from the figures")),
            ("dismiss", _("Dismiss: the rating stands")),
        ],
        widget=forms.RadioSelect,
    )
    opinion = forms.CharField(
        label=_("Reasons"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown on the follow-up with your name."),
    )

    @property
    def uphold(self) -> bool:
        return self.cleaned_data["decision"] == "uphold"


class FollowUpFilter(django_filters.FilterSet):
    """The list's and the API's filters: status (or all still waiting on the
    section), late, appeal, section (supervisors; a chief's list is their section)."""

    status = django_filters.ChoiceFilter(
        choices=[(PENDING, _("To follow up (not fixed yet)")), *FollowUpStatus.choices],
        label=_("Status"),
        empty_label=_("Any status"),
        method="filter_status",
    )
    # ?late=true (the page's checkbox and the home's link), ?late=false in the API.
    late = django_filters.BooleanFilter(method="filter_late", label=_("Late only"))
    appeal = django_filters.ChoiceFilter(
        field_name="appeal_status", choices=AppealStatus.choices, label=_("Appeal"), empty_label=_("Any")
    )
    department = django_filters.ModelChoiceFilter(
        queryset=Department.objects.all(), label=_("Section"), empty_label=_("All sections")
    )

    class Meta:
        model = FollowUp
        fields = ["status", "late", "appeal", "department"]

    def __init__(self, *args, section_only=False, **kwargs):
        super().__init__(*args, **kwargs)
        if section_only:
            del self.filters["department"]

    def filter_status(self, queryset, name, value):
        if value == PENDING:
            return queryset.filter(status__in=selectors.PENDING)
        return queryset.filter(status=value)

    def filter_late(self, queryset, name, value):
        late = selectors.late_q(clock.localdate())
        return queryset.filter(late) if value else queryset.exclude(late)
