"""The refusal register's filters (rule 6): section, officer, kind, outcome, and the filing period."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from org.models import Department, Staff
from refusals.models import Refusal, RefusalKind, RefusalStatus


class RefusalRegisterFilter(django_filters.FilterSet):
    department = django_filters.ModelChoiceFilter(
        queryset=Department.objects.all(), label=_("Section"), empty_label=_("All sections")
    )
    officer = django_filters.ModelChoiceFilter(
        queryset=Staff.objects.filter(refusals_filed__isnull=False).distinct().order_by("name"),
        label=_("Officer"),
        empty_label=_("Everyone"),
    )
    kind = django_filters.ChoiceFilter(
        choices=RefusalKind.choices, label=_("Kind"), empty_label=_("All kinds")
    )
    status = django_filters.ChoiceFilter(
        choices=RefusalStatus.choices, label=_("Outcome"), empty_label=_("All outcomes")
    )
    filed_from = django_filters.DateFilter(
        field_name="filed_at",
        lookup_expr="date__gte",
        label=_("Filed from"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    filed_to = django_filters.DateFilter(
        field_name="filed_at",
        lookup_expr="date__lte",
        label=_("Filed to"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = Refusal
        fields = ["department", "officer", "kind", "status", "filed_from", "filed_to"]

    def __init__(self, *args, section=None, **kwargs):
        super().__init__(*args, **kwargs)
        if section is not None:
            # A section chief's register is their section's: no section to pick, its officers only.
            del self.filters["department"]
            self.filters["officer"].queryset = (
                Staff.objects.filter(refusals_filed__department=section).distinct().order_by("name")
            )
