from django import forms
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
