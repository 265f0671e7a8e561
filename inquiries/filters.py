"""The filter bars of the inquiry lists and the ``inquiries/`` API's filters (django-filter)."""

from datetime import timedelta

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from inquiries import selectors
from inquiries.models import (
    AWAITING_OUTCOME_STATUSES,
    OPEN_INQUIRY_STATUSES,
    Channel,
    Inquiry,
    InquiryKind,
    InquiryStatus,
)
from org.models import Department

# Any status but closed: the matter still has an owner who answers for it. Not
# "open", which is InquiryStatus.OPEN (awaiting an outcome), a choice of its own.
STATUS_OPEN = "not_closed"
STATUS_AWAITING = selectors.STATUS_AWAITING
YES_NO = [("true", _("Flagged only")), ("false", _("Not flagged"))]


def _date_input():
    return forms.DateInput(attrs={"type": "date"})


def by_flag(queryset, flagged: bool):
    """Flagged (selectors.flagged_q) or not: the same meaning on every list and in the API."""
    if flagged:
        return queryset.filter(selectors.flagged_q())
    return queryset.exclude(selectors.flagged_q())


class DateRangeMixin(django_filters.FilterSet):
    asked_from = django_filters.DateFilter(
        label=_("Asked from"), method="filter_asked_from", widget=_date_input()
    )
    asked_to = django_filters.DateFilter(
        label=_("Asked until"), method="filter_asked_to", widget=_date_input()
    )

    def filter_asked_from(self, queryset, name, value):
        # Local midnight, compared as a datetime so that the index is used.
        return queryset.filter(asked_at__gte=selectors.local_midnight(value))

    def filter_asked_to(self, queryset, name, value):
        return queryset.filter(asked_at__lt=selectors.local_midnight(value + timedelta(days=1)))


class StatusFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[(STATUS_OPEN, _("Not closed")), *InquiryStatus.choices],
        empty_label=_("All statuses"),
        method="filter_status",
    )

    class Meta:
        model = Inquiry
        fields = ["status"]

    def filter_status(self, queryset, name, value):
        if value == STATUS_OPEN:
            return queryset.exclude(status=InquiryStatus.CLOSED)
        return queryset.filter(status=value)


class InquiryFilter(StatusFilter):
    """Status, kind, channel and the flag: the filters every inquiry list has."""

    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=InquiryKind.choices, empty_label=_("All kinds")
    )
    channel = django_filters.ChoiceFilter(
        label=_("Channel"), choices=Channel.choices, empty_label=_("All channels")
    )
    flagged = django_filters.ChoiceFilter(
        label=_("Flagged"), choices=YES_NO, empty_label=_("Either"), method="filter_flagged"
    )

    class Meta:
        model = Inquiry
        fields = ["status", "kind", "channel", "flagged"]

    def filter_flagged(self, queryset, name, value):
        return by_flag(queryset, value == "true")


class LoggedInquiryFilter(DateRangeMixin, InquiryFilter):
    """What I logged at the desk (from a day on: the home's "logged today"
    lists it); ``show`` keeps the page's tab when filtering."""

    show = django_filters.CharFilter(widget=forms.HiddenInput, method="keep_tab")

    class Meta:
        model = Inquiry
        fields = ["status", "kind", "channel", "flagged", "asked_from", "asked_to", "show"]

    def keep_tab(self, queryset, name, value):
        return queryset


class MyInquiryFilter(LoggedInquiryFilter):
    """The owner's own list: only the statuses that are still theirs."""

    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[
            (STATUS_AWAITING, _("Awaiting my outcome")),
            *(
                (value, label)
                for value, label in InquiryStatus.choices
                if value in (*OPEN_INQUIRY_STATUSES, InquiryStatus.NOTICE)
            ),
        ],
        empty_label=_("All statuses"),
        method="filter_status",
    )

    def filter_status(self, queryset, name, value):
        if value == STATUS_AWAITING:
            return queryset.filter(status__in=AWAITING_OUTCOME_STATUSES)
        return queryset.filter(status=value)


class SectionFilterMixin:
    """A section chief's list is their section's; a supervisor picks any section."""

    def _setup_section(self, may_pick_section: bool) -> None:
        if not may_pick_section:
            del self.filters["department"]
        else:
            self.filters["department"].extra["empty_label"] = _("All sections")


class SectionInquiryFilter(SectionFilterMixin, DateRangeMixin, InquiryFilter):
    number = django_filters.CharFilter(lookup_expr="icontains", label=_("Inquiry number"), max_length=20)
    department = django_filters.ModelChoiceFilter(
        queryset=Department.objects.order_by("order", "code"), label=_("Section")
    )
    first_responder = django_filters.ModelChoiceFilter(
        queryset=selectors.section_staff(), label=_("First responder"), empty_label=_("Everyone")
    )

    class Meta:
        model = Inquiry
        fields = [
            "number",
            "department",
            "status",
            "kind",
            "channel",
            "first_responder",
            "flagged",
            "asked_from",
            "asked_to",
        ]

    def __init__(self, data=None, *args, department=None, may_pick_section=False, **kwargs):
        super().__init__(data, *args, **kwargs)
        self._setup_section(may_pick_section)
        self.filters["first_responder"].queryset = selectors.section_staff(department)


class RegisterFilter(SectionFilterMixin, DateRangeMixin, StatusFilter):
    department = django_filters.ModelChoiceFilter(
        queryset=Department.objects.order_by("order", "code"), label=_("Section")
    )

    class Meta:
        model = Inquiry
        fields = ["asked_from", "asked_to", "department", "status"]

    def __init__(self, data=None, *args, may_pick_section=False, **kwargs):
        super().__init__(data, *args, **kwargs)
        self._setup_section(may_pick_section)


class ApiInquiryFilter(DateRangeMixin, django_filters.FilterSet):
    """The ``inquiries/`` API's filters, with the lists' meaning of a flag and a date range."""

    status = django_filters.MultipleChoiceFilter(choices=InquiryStatus.choices)
    kind = django_filters.ChoiceFilter(choices=InquiryKind.choices)
    channel = django_filters.ChoiceFilter(choices=Channel.choices)
    number = django_filters.CharFilter(lookup_expr="icontains")
    flagged = django_filters.BooleanFilter(method="filter_flagged")

    class Meta:
        model = Inquiry
        fields = [
            "status",
            "kind",
            "channel",
            "department",
            "first_responder",
            "flagged",
            "number",
            "asked_from",
            "asked_to",
        ]

    def filter_flagged(self, queryset, name, value):
        return by_flag(queryset, value)
