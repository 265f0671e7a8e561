from django import forms


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
