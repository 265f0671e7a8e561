import django_filters
from django.utils.translation import gettext_lazy as _

from commitments.models import ServiceItem
from deadlines.models import Case, CaseStatus
from org.models import Department, Staff


class CaseFilter(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(choices=CaseStatus.choices, label=_("status"))
    department = django_filters.ModelChoiceFilter(queryset=Department.objects.all(), label=_("section"))
    handler = django_filters.ModelChoiceFilter(queryset=Staff.objects.all(), label=_("handler"))
    service_item = django_filters.ModelChoiceFilter(
        queryset=ServiceItem.objects.all(), label=_("service item")
    )
    due_from = django_filters.DateFilter(field_name="due_date", lookup_expr="gte", label=_("due from"))
    due_to = django_filters.DateFilter(field_name="due_date", lookup_expr="lte", label=_("due until"))
    overdue = django_filters.BooleanFilter(label=_("overdue"))
    number = django_filters.CharFilter(lookup_expr="icontains", label=_("case number"))

    class Meta:
        model = Case
        fields = [
            "status",
            "department",
            "handler",
            "service_item",
            "due_from",
            "due_to",
            "overdue",
            "number",
            "kind",
        ]
