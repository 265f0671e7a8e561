from itertools import groupby

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.masking import mask_phone


class BootstrapFormMixin:
    """Bootstrap's classes on each widget, and ``is-invalid`` on a field with
    errors, whether the form found them or a service did."""

    small = False  # the compact controls of a table row

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style_widgets(self.fields.values())

    def style_widgets(self, fields) -> None:
        size = " form-select-sm" if self.small else ""
        control_size = " form-control-sm" if self.small else ""
        for field in fields:
            widget = field.widget
            if isinstance(widget, forms.RadioSelect):
                continue
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs["class"] = "form-check-input"
            elif isinstance(widget, forms.Select):
                widget.attrs["class"] = f"form-select{size}"
            else:
                widget.attrs["class"] = f"form-control{control_size}"

    def add_error(self, field, error):
        super().add_error(field, error)
        for name in self._errors:
            if name in self.fields:
                widget = self.fields[name].widget
                css = widget.attrs.get("class", "")
                if css and "is-invalid" not in css.split():
                    widget.attrs["class"] = f"{css} is-invalid"


def keep_phone_on_record(field: forms.Field, phone: str) -> None:
    """A phone field on a form that carries a person's record further (a case
    opened from an inquiry or a notice): the number on record is shown masked,
    not put in the form, and stays when the field is left empty."""
    if phone:
        field.widget.attrs["placeholder"] = mask_phone(phone)
        field.help_text = _("Leave it empty to keep the phone on record.")


class ServiceErrorsMixin:
    """A service's ValidationError on the form: on its field where the form
    has one, above the form where it has not (e.g. the visitor's phone on a
    transfer, which is not asked there)."""

    def add_service_errors(self, error: ValidationError) -> None:
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for field, errors in error.error_dict.items():
            self.add_error(field if field in self.fields else None, errors)

    def focus_first_error(self, default: str | None = None) -> None:
        """Autofocus the first field with an error, or ``default``."""
        name = next((name for name in self.fields if name in self.errors), default)
        if name is not None:
            self.fields[name].widget.attrs["autofocus"] = True


class GroupedModelChoiceIterator(forms.models.ModelChoiceIterator):
    """Options in an <optgroup> per section; the queryset comes ordered by section."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for section, objects in groupby(self.queryset, key=lambda obj: obj.department):
            yield (section.name, [self.choice(obj) for obj in objects])


class GroupedModelChoiceField(forms.ModelChoiceField):
    iterator = GroupedModelChoiceIterator


class StaffChoiceField(GroupedModelChoiceField):
    def label_from_instance(self, staff):
        return f"{staff.name} · {staff.title}" if staff.title else staff.name
