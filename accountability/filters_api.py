"""The API's filters of rule 7 (``complaints/``, ``accountability-records/``).
The results are scoped by the selectors first, so an id outside the caller's
reach simply matches nothing."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from accountability.models import Card, Complaint, ComplaintStatus, Record, RecordStatus, Source
from accountability.selectors import complaint_overdue_q
from core import clock
from org.models import Department, Staff

NO_CARD = "none"


def complaint_is_overdue(complaint: Complaint, today) -> bool:
    """The same test as ``complaint_overdue_q``, on a row already read."""
    if complaint.status == ComplaintStatus.RECEIVED:
        return complaint.accept_due < today
    if complaint.status == ComplaintStatus.ACCEPTED:
        return complaint.answer_due is not None and complaint.answer_due < today
    return False


class ComplaintApiFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=ComplaintStatus.choices, label=_("status"))
    overdue = django_filters.BooleanFilter(method="filter_overdue", label=_("overdue"))

    class Meta:
        model = Complaint
        fields = ["status", "overdue"]

    def filter_overdue(self, queryset, name, value):
        late = complaint_overdue_q(clock.localdate())
        return queryset.filter(late) if value else queryset.exclude(late)


class YearFilter(django_filters.NumberFilter):
    """A whole year: 2026, not 2026.5 (which the date lookup cannot take)."""

    field_class = forms.IntegerField


class RecordApiFilter(django_filters.FilterSet):
    staff = django_filters.ModelChoiceFilter(queryset=Staff.objects.all(), label=_("staff member"))
    department = django_filters.ModelChoiceFilter(queryset=Department.objects.all(), label=_("section"))
    source = django_filters.ChoiceFilter(choices=Source.choices, label=_("source"))
    year = YearFilter(
        field_name="occurred_on", lookup_expr="year", label=_("Year"), min_value=1, max_value=9999
    )
    card = django_filters.ChoiceFilter(
        choices=[*Card.choices, (NO_CARD, _("No card"))], method="filter_card", label=_("card")
    )
    status = django_filters.ChoiceFilter(choices=RecordStatus.choices, label=_("status"))

    class Meta:
        model = Record
        fields = ["staff", "department", "source", "year", "card", "status"]

    def filter_card(self, queryset, name, value):
        # No card: the appeal against it was upheld.
        return queryset.filter(card="" if value == NO_CARD else value)
