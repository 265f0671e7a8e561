"""The inquiry pages' forms. They check the shape of the input; the services
check everything else, and their ValidationErrors land on these forms
(``add_service_errors``)."""

from functools import cached_property

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from commitments.fields import ItemChoiceField
from core.forms import (
    BootstrapFormMixin,
    GroupedModelChoiceIterator,
    ServiceErrorsMixin,
    keep_phone_on_record,
)
from deadlines.selectors import default_handler, intake_items
from deadlines.validators import phone_validator
from inquiries import selectors
from inquiries.models import Channel, InquiryKind, ReferMode
from inquiries.services import tied_at_the_top
from org.models import Staff
from org.predicates import staff_of

RADIO = {"class": "form-check-input"}

id_number_validator = RegexValidator(
    r"^([0-9]{15}|[0-9]{17}[0-9Xx])$",
    _("Enter the 18-character ID number (the last may be X), or the old 15-digit one."),
)


class StaffLabelMixin:
    def label_from_instance(self, staff):
        return f"{staff.name} · {staff.title}" if staff.title else staff.name


class AskedStaffField(StaffLabelMixin, forms.ModelMultipleChoiceField):
    """The staff asked together, in the order the desk entered them (the
    page's script sends one ``asked_staff`` per chip, in order)."""

    iterator = GroupedModelChoiceIterator

    def clean(self, value):
        chosen = {str(staff.pk): staff for staff in super().clean(value)}
        return [chosen[pk] for pk in dict.fromkeys(str(v) for v in value or ()) if pk in chosen]


class StaffField(StaffLabelMixin, forms.ModelChoiceField):
    pass


class IntakeForm(ServiceErrorsMixin, BootstrapFormMixin, forms.Form):
    """Log a contact at the desk (首问登记): the fields in the order the desk takes them."""

    channel = forms.ChoiceField(
        label=_("Channel"),
        choices=Channel.choices,
        initial=Channel.VISIT,
        widget=forms.RadioSelect(attrs=RADIO),
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=InquiryKind.choices,
        initial=InquiryKind.CONSULTATION,
        widget=forms.RadioSelect(attrs=RADIO),
    )
    subject = forms.CharField(
        label=_("What the visitor asked about"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    description = forms.CharField(
        label=_("Details"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )
    service_item = ItemChoiceField(
        queryset=None, label=_("Service item"), required=False, empty_label=_("— none —")
    )
    visitor_name = forms.CharField(
        label=_("Visitor's name"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    visitor_phone = forms.CharField(
        label=_("Visitor's phone"),
        required=False,
        max_length=20,
        validators=[phone_validator],
        help_text=_("Required for a report or complaint, and to transfer the inquiry."),
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )
    visitor_id_number = forms.CharField(
        label=_("Visitor's ID number"),
        required=False,
        max_length=18,
        validators=[id_number_validator],
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    asked_staff = AskedStaffField(
        queryset=None,
        label=_("Staff asked"),
        help_text=_("Everyone the visitor asked together; the highest in rank is the first responder."),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    # Offered only after the service reported a tie: the page shows the tied as radio buttons.
    first_responder = StaffField(queryset=None, label=_("First responder"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service_item"].queryset = intake_items()
        self.fields["asked_staff"].queryset = selectors.intake_staff()
        self.fields["first_responder"].queryset = Staff.objects.active()
        self.tied: list = []
        me = staff_of(user)
        if me is not None and not self.is_bound:
            # Whoever is at the desk was asked.
            self.initial.setdefault("asked_staff", [me.pk])
        self.fields["subject"].widget.attrs["autofocus"] = True

    def clean_visitor_phone(self):
        return "".join(self.cleaned_data["visitor_phone"].split())

    def clean_visitor_id_number(self):
        return self.cleaned_data["visitor_id_number"].strip().upper()

    def clean(self):
        cleaned = super().clean()
        self.tied = tied_at_the_top(cleaned.get("asked_staff") or [])
        if not self.tied:
            # No tie (any more): the rank decides, and a choice left over from before does not count.
            cleaned["first_responder"] = None
            self._errors.pop("first_responder", None)
        return cleaned

    @property
    def show_tie(self) -> bool:
        """The choice appears once the service has reported a tie, and stays while the tie does."""
        return bool(self.tied) and (
            self.has_error("first_responder") or bool(self.data.get("first_responder"))
        )

    @property
    def chosen_first_responder(self) -> str:
        return str(self.data.get("first_responder", "")) if self.is_bound else ""

    def _asked_for_chips(self) -> list:
        if self.is_bound:
            ids = [int(pk) for pk in self.data.getlist("asked_staff") if str(pk).isdigit()]
        else:
            ids = list(self.initial.get("asked_staff") or [])
        if not ids:
            return []
        found = Staff.objects.active().filter(pk__in=ids).select_related("department")
        by_pk = {staff.pk: staff for staff in found}
        return [by_pk[pk] for pk in dict.fromkeys(ids) if pk in by_pk]

    @cached_property
    def asked_initial(self) -> list:
        """The chips to show: the staff posted, in the order entered, or the initial ones."""
        return [
            {
                "id": s.pk,
                "name": s.name,
                "department": s.department.name,
                "rank": s.rank,
                "title": s.title,
            }
            for s in self._asked_for_chips()
        ]


# --- The outcome forms (one per outcome on the inquiry page) ----------------------------------


class OutcomeForm(ServiceErrorsMixin, BootstrapFormMixin, forms.Form):
    outcome: str = ""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", f"id_{self.outcome}_%s")
        super().__init__(*args, **kwargs)


class HandledForm(OutcomeForm):
    outcome = "handled"

    note = forms.CharField(
        label=_("What was done"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class TransferForm(OutcomeForm):
    outcome = "transfer"

    transfer_to = StaffField(queryset=None, label=_("Transfer to"), empty_label=_("— choose —"))
    note = forms.CharField(
        label=_("What was accepted"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The handler is told at once and must acknowledge the transfer."),
    )
    visitor_phone = forms.CharField(
        label=_("Visitor's phone"),
        max_length=20,
        validators=[phone_validator],
        help_text=_("Not taken at the desk: the handler needs it to reach the visitor."),
    )

    def __init__(self, *args, inquiry, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["transfer_to"].queryset = selectors.transfer_targets(inquiry)
        if inquiry.visitor_phone:
            del self.fields["visitor_phone"]

    def clean_visitor_phone(self):
        return "".join(self.cleaned_data["visitor_phone"].split())


class DepartmentSelect(forms.Select):
    """Each section with its public phone and room, which the page shows as it is chosen."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        department = getattr(value, "instance", None)
        if department is not None:
            option["attrs"]["data-phone"] = department.public_phone
            option["attrs"]["data-room"] = department.room
        return option


class ReferForm(OutcomeForm):
    outcome = "refer"

    refer_department = forms.ModelChoiceField(
        queryset=None, label=_("Section"), empty_label=_("— choose —"), widget=DepartmentSelect
    )
    refer_mode = forms.ChoiceField(
        label=_("How"),
        choices=ReferMode.choices,
        initial=ReferMode.GUIDED,
        widget=forms.RadioSelect(attrs=RADIO),
    )
    note = forms.CharField(
        label=_("What the visitor was told"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, inquiry, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["refer_department"].queryset = selectors.refer_departments(inquiry)


class ExternalForm(OutcomeForm):
    outcome = "external"

    external_department = forms.CharField(
        label=_("Competent department"),
        required=False,
        max_length=200,
        help_text=_("When known: the department outside the bureau that deals with the matter."),
    )
    note = forms.CharField(
        label=_("What the visitor was told"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


OUTCOME_FORMS = {form.outcome: form for form in (HandledForm, TransferForm, ReferForm, ExternalForm)}


class OpenCaseForm(ServiceErrorsMixin, BootstrapFormMixin, forms.Form):
    """An application accepted: the case (rule 2) for the inquiry's service item."""

    handler = StaffField(queryset=None, label=_("Handler"), empty_label=_("— choose —"))
    applicant_name = forms.CharField(label=_("Applicant"), max_length=100)
    applicant_phone = forms.CharField(
        label=_("Applicant's phone"),
        required=False,
        max_length=20,
        validators=[phone_validator],
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )
    handled_at_once = forms.BooleanField(
        label=_("Papers complete: handled at once (当即办理)"), required=False
    )
    not_at_once_reason = forms.CharField(
        label=_("Why it was not handled at once"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required for an item handled on the spot when it was not."),
    )

    def __init__(self, *args, inquiry, user, **kwargs):
        kwargs.setdefault("auto_id", "id_case_%s")
        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = selectors.case_handlers(inquiry.service_item)
        self.on_the_spot = inquiry.service_item.current.on_the_spot
        if not self.on_the_spot:
            del self.fields["handled_at_once"]
            del self.fields["not_at_once_reason"]
        if not self.is_bound:
            me = default_handler(user, inquiry.service_item)
            if me is not None:
                self.initial["handler"] = me.pk
            self.initial["applicant_name"] = inquiry.visitor_name
        keep_phone_on_record(self.fields["applicant_phone"], inquiry.visitor_phone)

    def clean_applicant_phone(self):
        return "".join(self.cleaned_data["applicant_phone"].split())
