"""The case pages' forms. They check the shape of the input; the services
check everything else and their ValidationErrors land on these fields."""

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commitments.fields import ItemChoiceField
from core.forms import BootstrapFormMixin, StaffChoiceField
from deadlines import selectors
from deadlines.filters import CaseFilter
from deadlines.models import OPEN_STATUSES, CaseKind, CaseStatus
from deadlines.validators import phone_validator
from org.predicates import staff_of
from workdays.days import UnpublishedYearError, is_working_day


class SectionTaggedSelect(forms.Select):
    """Each option names its section (data-section), and an item whether it is
    handled on the spot, so that the page's script can narrow the handlers."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        instance = getattr(value, "instance", None)
        if instance is not None:
            option["attrs"]["data-section"] = instance.department_id
            current = getattr(instance, "current", None)
            if current is not None:
                option["attrs"]["data-on-the-spot"] = "1" if current.on_the_spot else "0"
        return option


class CaseOpenForm(BootstrapFormMixin, forms.Form):
    """Receive an application at the desk (受理)."""

    service_item = ItemChoiceField(
        queryset=None, label=_("Service item"), empty_label=_("— choose —"), widget=SectionTaggedSelect
    )
    applicant_name = forms.CharField(label=_("Applicant"), max_length=100)
    applicant_phone = forms.CharField(
        label=_("Applicant's phone"),
        max_length=20,
        validators=[phone_validator],
        help_text=_("The applicant checks progress with the last four digits of this number."),
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )
    handler = StaffChoiceField(
        queryset=None,
        label=_("Handler"),
        required=False,
        empty_label=_("— choose —"),
        widget=SectionTaggedSelect,
        help_text=_("A member of staff of the item's section; yourself when you are in that section."),
    )
    handled_at_once = forms.BooleanField(
        label=_("Papers complete: handled at once (当即办理)"),
        required=False,
        help_text=_("The case is recorded as completed on receipt."),
    )
    not_at_once_reason = forms.CharField(
        label=_("Why it was not handled at once"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required for an item handled on the spot when it was not."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service_item"].queryset = selectors.intake_items()
        self.fields["handler"].queryset = selectors.intake_handlers()
        me = staff_of(user)
        if me is not None and not self.is_bound:
            self.initial.setdefault("handler", me.pk)

    def clean_applicant_phone(self):
        return "".join(self.cleaned_data["applicant_phone"].split())


class InstructionForm(BootstrapFormMixin, forms.Form):
    """A leader's instruction (领导批示件) with its own due date."""

    title = forms.CharField(label=_("Matter"), max_length=200)
    instruction = forms.CharField(
        label=_("Instruction"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    leader = forms.CharField(label=_("Instructing leader"), max_length=50)
    due_date = forms.DateField(label=_("Due date"), widget=forms.DateInput(attrs={"type": "date"}))
    handler = StaffChoiceField(
        queryset=None, label=_("Handler"), empty_label=_("— choose —"), widget=SectionTaggedSelect
    )
    # Shown, and needed, only when the leader's date is not a working day.
    rest_day_confirmed = forms.BooleanField(
        label=_("The leader set this date although it is not a working day"),
        required=False,
        widget=forms.HiddenInput,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = selectors.instruction_handlers(user)
        self.fields["due_date"].widget.attrs["min"] = timezone.localdate().isoformat()

    def clean(self):
        cleaned = super().clean()
        due = cleaned.get("due_date")
        if due is None or cleaned.get("rest_day_confirmed"):
            return cleaned
        try:
            working = is_working_day(due)
        except UnpublishedYearError:
            return cleaned  # the calendar cannot say; the service decides what it can
        if not working:
            self.fields["rest_day_confirmed"].widget = forms.CheckboxInput()
            self.add_error(
                "due_date",
                _("%(date)s is not a working day. Check the date, or tick below that the leader set it so.")
                % {"date": due.isoformat()},
            )
        return cleaned


class ExtensionRequestForm(BootstrapFormMixin, forms.Form):
    days = forms.IntegerField(label=_("Extra working days"), min_value=1, max_value=365)
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The applicant is told this reason by SMS when the extension is approved."),
    )

    def __init__(self, *args, remaining=None, applicant_told=True, **kwargs):
        super().__init__(*args, **kwargs)
        if remaining is not None and remaining > 0:
            self.fields["days"].widget.attrs["max"] = remaining
        if not applicant_told:
            # A leader's instruction has no applicant to tell.
            self.fields["reason"].help_text = ""


class WithdrawForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why the case is withdrawn"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    applicant_asked = forms.BooleanField(
        label=_("Withdrawn at the applicant's request"),
        required=False,
        help_text=_("Otherwise, withdrawing an application is a refusal: file a refusal instead."),
    )


class ExtensionDecisionForm(forms.Form):
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)


STATUS_OPEN = "open"


class SectionCaseFilter(CaseFilter):
    """The section page's filter bar over CaseFilter: one status choice
    (open cases unless asked otherwise), date pickers, and choices limited
    to the section for a section chief."""

    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[(STATUS_OPEN, _("Open cases")), *CaseStatus.choices],
        empty_label=_("All statuses"),
        method="filter_status",
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=CaseKind.choices, empty_label=_("All kinds"))
    due_from = django_filters.DateFilter(
        field_name="due_date",
        lookup_expr="gte",
        label=_("Due from"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    due_to = django_filters.DateFilter(
        field_name="due_date",
        lookup_expr="lte",
        label=_("Due until"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    completed_from = django_filters.DateFilter(
        label=_("Completed from"),
        method="filter_completed_from",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    overdue = django_filters.ChoiceFilter(
        label=_("Overdue"),
        choices=[("true", _("Overdue only")), ("false", _("Not overdue"))],
        empty_label=_("Either"),
        method="filter_overdue",
    )
    number = django_filters.CharFilter(lookup_expr="icontains", label=_("Case number"), max_length=20)

    class Meta(CaseFilter.Meta):
        fields = [
            "number",
            "status",
            "department",
            "handler",
            "service_item",
            "kind",
            "due_from",
            "due_to",
            "completed_from",
        ]

    def __init__(self, data=None, *args, department=None, may_pick_section=False, **kwargs):
        if data is not None and "status" not in data:
            data = data.copy()
            data["status"] = STATUS_OPEN
        super().__init__(data, *args, **kwargs)
        if not may_pick_section:
            del self.filters["department"]
        else:
            self.filters["department"].extra["empty_label"] = _("All sections")
            self.filters["department"].label = _("Section")
        self.filters["handler"].label = _("Handler")
        self.filters["handler"].extra["empty_label"] = _("All handlers")
        self.filters["service_item"].label = _("Service item")
        self.filters["service_item"].extra["empty_label"] = _("All items")
        handlers = selectors.intake_handlers()
        items = selectors.intake_items()
        if department is not None:
            handlers = handlers.filter(department=department)
            items = items.filter(department=department)
        self.filters["handler"].queryset = handlers
        self.filters["service_item"].queryset = items
        self.form.fields["service_item"].label_from_instance = lambda item: f"{item.code} {item.current.name}"

    @property
    def shows_open_only(self) -> bool:
        return self.form.is_valid() and self.form.cleaned_data.get("status") in (STATUS_OPEN, *OPEN_STATUSES)

    def filter_status(self, queryset, name, value):
        if value == STATUS_OPEN:
            return queryset.filter(status__in=OPEN_STATUSES)
        return queryset.filter(status=value)

    def filter_completed_from(self, queryset, name, value):
        # Local midnight, compared as a datetime so that the index is used.
        return queryset.filter(completed_at__gte=selectors.local_midnight(value))

    def filter_overdue(self, queryset, name, value):
        return queryset.filter(overdue=value == "true")
