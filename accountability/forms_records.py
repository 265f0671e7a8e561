"""The forms on a record's page (rule 7): the person's explanation and appeal,
the supervisor's decisions on the appeal and on the record, a correction.

The services check everything again; the forms only shape what was typed and
keep it when a page comes back with its errors. Evidence files are checked as
rule 3's are (type by content, at most 10 MB), several to a form."""

import django_filters
from django import forms
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext_lazy as _

from accountability.models import Card, Measure, Outcome, Record, Source
from accountability.selectors_report import UNDECIDED
from core.evidence import EVIDENCE_EXTENSIONS, validate_evidence_file
from core.forms import BootstrapFormMixin, ServiceErrorsMixin
from org.models import Department, Staff

MAX_FILES = 5
NO_CARD = "none"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class EvidenceFilesField(forms.FileField):
    """Several files in one input; each checked as one evidence file."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget",
            MultipleFileInput(attrs={"accept": ",".join(f".{ext}" for ext in EVIDENCE_EXTENSIONS)}),
        )
        kwargs.setdefault("required", False)
        kwargs.setdefault("validators", [FileExtensionValidator(EVIDENCE_EXTENSIONS), validate_evidence_file])
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if len(files) > MAX_FILES:
            raise forms.ValidationError(_("At most %(count)s files at a time."), params={"count": MAX_FILES})
        return [super(EvidenceFilesField, self).clean(file, initial) for file in files]


FILES_HELP = _("PDF, JPG, PNG, DOC or DOCX, at most 10 MB each, up to 5 files.")


class RecordForm(ServiceErrorsMixin, BootstrapFormMixin, forms.Form):
    """Each form's fields carry its own prefix, so several forms share a page."""


class ExplainForm(RecordForm):
    explanation = forms.CharField(
        label=_("Explanation (情况说明)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What happened and why; the supervisor decides on it."),
    )


class AppealForm(RecordForm):
    reasons = forms.CharField(
        label=_("Reasons for the appeal"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Why the card should be withdrawn. You may appeal once, before the record is decided."),
    )
    files = EvidenceFilesField(label=_("Evidence"), help_text=FILES_HELP)


class AppealDecideForm(RecordForm):
    decision = forms.ChoiceField(
        label=_("Decision on the appeal"),
        choices=[
            ("uphold", _("Uphold: withdraw the card, no responsibility")),
            ("dismiss", _("Dismiss: the card stands")),
        ],
        widget=forms.RadioSelect,
    )
    opinion = forms.CharField(
        label=_("Reasons"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The person is told them."),
    )

    @property
    def uphold(self) -> bool:
        return self.cleaned_data["decision"] == "uphold"


class DecideForm(RecordForm):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices, widget=forms.RadioSelect)
    measure = forms.ModelChoiceField(
        label=_("The measure"),
        queryset=Measure.objects.none(),
        required=False,
        empty_label=_("— choose —"),
        help_text=_("For another measure: one the bureau names in the administration."),
    )
    findings = forms.CharField(label=_("Findings"), widget=forms.Textarea(attrs={"rows": 4}))
    files = EvidenceFilesField(label=_("Evidence files"), help_text=FILES_HELP)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure"].queryset = Measure.objects.filter(active=True)

    def clean(self):
        data = super().clean()
        if data.get("outcome") == Outcome.OTHER and not data.get("measure"):
            self.add_error("measure", _("Name the measure the bureau takes."))
        return data

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "outcome": data["outcome"],
            "findings": data["findings"],
            "measure": data.get("measure"),
            "files": data.get("files") or [],
        }


class CorrectForm(DecideForm):
    correction_reason = forms.CharField(
        label=_("Why the decision is corrected"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The decision in force stays on the record, marked as corrected by this one."),
    )

    field_order = ["correction_reason", "outcome", "measure", "findings", "files"]

    def service_fields(self) -> dict:
        return {**super().service_fields(), "correction_reason": self.cleaned_data["correction_reason"]}


class RecordReportFilter(django_filters.FilterSet):
    """The bureau report's filters: section, person, source, card, outcome,
    and the period the records happened in (from/to, or a whole year)."""

    department = django_filters.ModelChoiceFilter(
        queryset=Department.objects.all(), label=_("Section"), empty_label=_("All sections")
    )
    staff = django_filters.ModelChoiceFilter(
        queryset=Staff.objects.none(), label=_("Staff member"), empty_label=_("Everyone")
    )
    source = django_filters.ChoiceFilter(
        choices=Source.choices, label=_("Source"), empty_label=_("All sources")
    )
    card = django_filters.ChoiceFilter(
        choices=[*Card.choices, (NO_CARD, _("Card withdrawn"))],
        label=_("Card"),
        empty_label=_("Any card"),
        method="filter_card",
    )
    outcome = django_filters.ChoiceFilter(
        choices=[*Outcome.choices, (UNDECIDED, _("Not decided yet"))],
        label=_("Outcome"),
        empty_label=_("All outcomes"),
        method="filter_outcome",
    )
    year = django_filters.NumberFilter(field_name="occurred_on", lookup_expr="year", label=_("Year"))
    occurred_from = django_filters.DateFilter(
        field_name="occurred_on",
        lookup_expr="gte",
        label=_("Occurred from"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    occurred_to = django_filters.DateFilter(
        field_name="occurred_on",
        lookup_expr="lte",
        label=_("Occurred to"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = Record
        fields = ["department", "staff", "source", "card", "outcome", "year", "occurred_from", "occurred_to"]

    def __init__(self, *args, section=None, **kwargs):
        super().__init__(*args, **kwargs)
        people = Staff.objects.filter(accountability_records__isnull=False).distinct().order_by("name")
        if section is not None:
            # A section chief's report is their section's: no section to pick, its people only.
            del self.filters["department"]
            people = people.filter(accountability_records__department=section)
        self.filters["staff"].queryset = people

    def filter_card(self, queryset, name, value):
        return queryset.filter(card="" if value == NO_CARD else value)

    def filter_outcome(self, queryset, name, value):
        if value == UNDECIDED:
            return queryset.filter(decision__isnull=True)
        return queryset.filter(decision__outcome=value)
