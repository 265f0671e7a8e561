import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from commitments.forms_breaches import StaffChoiceField
from commitments.models import Breach, BreachOutcome, ServiceItem
from commitments.selectors_breaches import items_for_breaches, staff_in_reach_of
from org.models import Department, Staff
from org.predicates import is_supervisor


class StaffFilter(django_filters.ModelChoiceFilter):
    field_class = StaffChoiceField


class _BreachFilterBase(django_filters.FilterSet):
    department = django_filters.ModelChoiceFilter(
        field_name="staff__department",
        queryset=Department.objects.all(),
        label=_("Section"),
        empty_label=_("All sections"),
    )
    staff = StaffFilter(
        queryset=Staff.objects.select_related("department"),
        label=_("Staff member"),
        empty_label=_("All staff"),
    )
    outcome = django_filters.ChoiceFilter(
        choices=BreachOutcome.choices, label=_("Outcome"), empty_label=_("All outcomes")
    )
    item = django_filters.ModelChoiceFilter(
        queryset=ServiceItem.objects.all(), label=_("Service item"), empty_label=_("All items")
    )
    complaint_received = django_filters.BooleanFilter(
        label=_("Complaint or bad effect"), widget=django_filters.widgets.BooleanWidget
    )
    occurred_from = django_filters.DateFilter(
        field_name="occurred_on",
        lookup_expr="gte",
        label=_("From"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    occurred_to = django_filters.DateFilter(
        field_name="occurred_on",
        lookup_expr="lte",
        label=_("To"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = Breach
        fields = []


class YearFilter(django_filters.NumberFilter):
    """A whole year: 2026, not 2026.5 (which the date lookup cannot take)."""

    field_class = forms.IntegerField


class BreachFilter(_BreachFilterBase):
    """The API's filters. The results are scoped by the selector, so ids outside
    the user's reach simply match nothing."""

    year = YearFilter(
        field_name="occurred_on", lookup_expr="year", label=_("Year"), min_value=1, max_value=9999
    )


class BreachListFilter(_BreachFilterBase):
    """The register page's filter bar: choices limited to what the user may see."""

    complaint_received = django_filters.ChoiceFilter(
        choices=[("true", _("Yes")), ("false", _("No"))],
        method="filter_complaint_received",
        label=_("Complaint or bad effect"),
        empty_label=_("Either"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if not is_supervisor(user):
            # A section chief's register holds their own section only.
            del self.filters["department"]
        self.filters["staff"].queryset = staff_in_reach_of(user)
        self.filters["item"].queryset = items_for_breaches()

    def filter_complaint_received(self, queryset, name, value):
        return queryset.filter(complaint_received=value == "true")
