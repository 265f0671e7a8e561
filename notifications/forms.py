"""The notice pages' forms. They check the shape of the input; the services
check everything else and their ValidationErrors land on these forms
(``add_service_errors``)."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from commitments.models import Material
from core.forms import BootstrapFormMixin, ServiceErrorsMixin, StaffChoiceField, keep_phone_on_record
from deadlines.selectors import default_handler
from deadlines.validators import phone_validator
from inquiries.selectors import case_handlers
from notifications import selectors
from notifications.filters import NoticeFilter
from notifications.models import NoticeKind
from notifications.services import Demand


class MaterialChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, material):
        return material.name


def _textarea(rows=2):
    return forms.Textarea(attrs={"rows": rows})


class NotApplicableMixin:
    """A "not applicable to this applicant" tick and a reason per material.

    The reason of a conditional material is prefilled with its condition;
    any other needs one typed. Ticks are ``not_applicable``, reasons
    ``reason-<material id>``."""

    def add_not_applicable_fields(self, materials) -> None:
        self.not_applicable_materials = list(materials)
        self.fields["not_applicable"] = MaterialChoiceField(
            label=_("Not applicable to this applicant"),
            queryset=materials,
            required=False,
            widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        )
        for material in self.not_applicable_materials:
            self.fields[self.reason_field(material)] = forms.CharField(
                label=_("Why “%(name)s” does not apply") % {"name": material.name},
                required=False,
                max_length=300,
                initial=material.condition,
            )

    @staticmethod
    def reason_field(material) -> str:
        return f"reason-{getattr(material, 'material_id', material.pk)}"

    def clean(self):
        cleaned = super().clean()
        for material in cleaned.get("not_applicable") or ():
            if not cleaned.get(self.reason_field(material), "").strip():
                self.add_error(
                    self.reason_field(material),
                    _("Give the reason “%(name)s” does not apply to this applicant.")
                    % {"name": material.name},
                )
        return cleaned

    def not_applicable_reasons(self) -> dict[int, str]:
        return {
            material.pk: self.cleaned_data[self.reason_field(material)]
            for material in self.cleaned_data.get("not_applicable") or ()
        }

    def reason_of(self, material):
        """The bound reason field of ``material``, for the template."""
        return self[self.reason_field(material)]

    def not_applicable_rows(self) -> list[dict]:
        """Each material that may be marked, whether it is ticked, and its reason field."""
        ticked = {str(value) for value in self["not_applicable"].value() or ()}
        return [
            {"material": material, "ticked": str(material.pk) in ticked, "reason": self.reason_of(material)}
            for material in self.not_applicable_materials
        ]


class NoticeIssueForm(NotApplicableMixin, ServiceErrorsMixin, BootstrapFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("The notice says"),
        choices=NoticeKind.choices,
        initial=NoticeKind.MISSING,
        widget=forms.RadioSelect,
    )
    brought = MaterialChoiceField(
        label=_("Materials the visitor brought"),
        queryset=Material.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        help_text=_(
            "Tick what the visitor brought, and what does not apply to them (with the reason); every "
            "other material is listed on the notice as missing."
        ),
    )
    reason = forms.CharField(
        label=_("Why the matter cannot be accepted"), required=False, max_length=2000, widget=_textarea(3)
    )
    rule = forms.CharField(
        label=_("The rule it rests on"),
        required=False,
        max_length=2000,
        widget=_textarea(2),
        help_text=_("The law, regulation or article, as it is to be printed."),
    )
    note = forms.CharField(
        label=_("What else the visitor was told"), required=False, max_length=2000, widget=_textarea(2)
    )

    def __init__(self, *args, version, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["brought"].queryset = version.materials.all()
        self.add_not_applicable_fields(version.materials.all())

    def add_service_errors(self, error: ValidationError) -> None:
        # The service is told what is missing; this form ticks what was brought.
        if hasattr(error, "error_dict") and "missing_materials" in error.error_dict:
            error = ValidationError(
                {
                    "brought" if name == "missing_materials" else name: errors
                    for name, errors in error.error_dict.items()
                }
            )
        super().add_service_errors(error)


class NoticeVisitForm(NotApplicableMixin, ServiceErrorsMixin, BootstrapFormMixin, forms.Form):
    brought = MaterialChoiceField(
        label=_("Materials brought on this visit"),
        queryset=Material.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=2000, widget=_textarea(2))
    demanded_materials = MaterialChoiceField(
        label=_("Materials of the catalogue the notice did not list"),
        queryset=Material.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    demanded_other = forms.CharField(
        label=_("Other materials demanded, one a line"), required=False, max_length=2000, widget=_textarea(2)
    )
    override_reason = forms.CharField(
        label=_("Reason for the override"),
        required=False,
        max_length=2000,
        widget=_textarea(2),
        help_text=_("Recorded as a notice failure against the issuer (rules 7 and 8)."),
    )

    def __init__(self, *args, outstanding, unlisted, may_override: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["brought"].queryset = outstanding
        self.add_not_applicable_fields(outstanding)
        self.fields["demanded_materials"].queryset = unlisted
        if not may_override:
            del self.fields["override_reason"]

    def demands(self) -> list[Demand]:
        demands = [Demand(material=material.pk) for material in self.cleaned_data["demanded_materials"]]
        lines = self.cleaned_data["demanded_other"].splitlines()
        demands += [Demand(name=line.strip()) for line in lines if line.strip()]
        return demands


class NoticeOpenCaseForm(ServiceErrorsMixin, BootstrapFormMixin, forms.Form):
    handler = StaffChoiceField(
        label=_("Handler"),
        queryset=None,
        required=False,
        empty_label=_("— choose —"),
        help_text=_("A member of staff of the item's section; yourself when you are in that section."),
    )
    applicant_name = forms.CharField(label=_("Applicant"), max_length=100)
    applicant_phone = forms.CharField(
        label=_("Applicant's phone"), max_length=20, required=False, validators=[phone_validator]
    )
    handled_at_once = forms.BooleanField(
        label=_("Papers complete: handled at once (当即办理)"), required=False
    )
    not_at_once_reason = forms.CharField(
        label=_("Why it was not handled at once"), required=False, max_length=2000, widget=_textarea(2)
    )

    def __init__(self, *args, notice, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = case_handlers(notice.service_item)
        if not notice.item_version.on_the_spot:
            del self.fields["handled_at_once"]
            del self.fields["not_at_once_reason"]
        if not self.is_bound:
            self.initial.setdefault("applicant_name", notice.visitor_name)
            me = default_handler(user, notice.service_item)
            if me is not None:
                self.initial.setdefault("handler", me.pk)
        keep_phone_on_record(self.fields["applicant_phone"], notice.visitor_phone)

    def clean_applicant_phone(self):
        return "".join(self.cleaned_data["applicant_phone"].split())


class NoticeListFilter(NoticeFilter):
    """The list page's filter bar: number, status, kind, and whether a notice failed."""

    failed = django_filters.ChoiceFilter(
        choices=[("true", _("With a notice failure"))],
        label=_("Notice failure"),
        empty_label=_("Either"),
        method="filter_failed",
    )

    class Meta(NoticeFilter.Meta):
        fields = ["number", "status", "kind", "failed"]

    def filter_failed(self, queryset, name, value):
        return selectors.with_failure(queryset) if value == "true" else queryset
