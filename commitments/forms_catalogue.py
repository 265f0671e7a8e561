"""Forms of the catalogue pages: upload, filter, and an item with its materials."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms import formset_factory
from django.template.defaultfilters import filesizeformat
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from commitments.catalogue_io import (
    FORMATS,
    MAX_COPIES,
    CatalogueFileError,
    check_catalogue,
    clean_text,
    extension_of,
    free_of_charge,
)
from commitments.models import MaterialForm, ServiceItem, ServiceItemVersion
from commitments.services import VERSION_FIELDS, MaterialSpec, validate_content
from core.forms import BootstrapFormMixin, GroupedModelChoiceField
from org.models import Department, Post

UPLOAD_MAX_BYTES = 5 * 1024 * 1024


class CatalogueUploadForm(BootstrapFormMixin, forms.Form):
    """A catalogue file. Valid when it reads as a catalogue; its rows may still hold errors."""

    file = forms.FileField(
        label=_("Catalogue file"),
        help_text=_("An Excel workbook (.xlsx) or a CSV file, at most 5 MB."),
        widget=forms.FileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if extension_of(upload.name) not in FORMATS:
            raise ValidationError(
                _("Upload an .xlsx or .csv file. An old .xls workbook must be saved as .xlsx first.")
            )
        if upload.size > UPLOAD_MAX_BYTES:
            raise ValidationError(
                _("The file is %(size)s; at most %(limit)s is accepted."),
                params={"size": filesizeformat(upload.size), "limit": filesizeformat(UPLOAD_MAX_BYTES)},
            )
        data = upload.read()
        try:
            self.check = check_catalogue(data, upload.name)
        except CatalogueFileError as error:
            raise ValidationError(error.message) from None
        self.content = data
        return upload


class CatalogueFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    department = forms.ModelChoiceField(
        queryset=Department.objects.all(), required=False, label=_("department"), empty_label=_("All")
    )
    published = forms.ChoiceField(
        label=_("On the public board"),
        required=False,
        choices=[("", _("All")), ("yes", _("Published")), ("no", _("Not published"))],
    )


class PostChoiceField(GroupedModelChoiceField):
    """The posts under their section's name: the item's section's are the ones it may name."""

    def label_from_instance(self, post):
        return post.name


class ServiceItemForm(BootstrapFormMixin, forms.Form):
    """What a version says, with the listing (section, published) and, for a revision, a change note."""

    code = forms.CharField(label=_("code"), max_length=32)
    department = forms.ModelChoiceField(queryset=Department.objects.all(), label=_("department"))
    post = PostChoiceField(
        queryset=Post.objects.select_related("department").order_by(
            "department__order", "department__code", "name"
        ),
        label=_("responsible post"),
        required=False,
        empty_label=_("— none yet —"),
        help_text=_("One of the section's posts: its A holder answers for the item, or B while A is away."),
    )
    published = forms.BooleanField(label=_("published on the public board"), required=False, initial=True)
    change_note = forms.CharField(
        label=_("what changed"),
        max_length=300,
        required=False,
        help_text=_("Kept with the new version, e.g. “committed limit shortened to 5 days”."),
    )

    def __init__(self, *args, item: ServiceItem | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        version_fields = forms.fields_for_model(ServiceItemVersion, fields=VERSION_FIELDS)
        for name in ("conditions", "procedure", "fees", "fee_basis", "service_standard"):
            version_fields[name].widget.attrs["rows"] = 3
        version_fields["basis"].widget.attrs["rows"] = 3
        self.style_widgets(version_fields.values())
        self.fields.update(version_fields)
        if item is None:
            del self.fields["change_note"]
        else:
            del self.fields["code"]
        for field in self.fields.values():
            field.label = capfirst(field.label)

    def clean(self):
        cleaned = super().clean()
        for name, value in cleaned.items():
            if isinstance(value, str):
                cleaned[name] = clean_text(value)
        if "fees" in cleaned:
            cleaned["fees"] = free_of_charge(cleaned["fees"])
        if all(name in cleaned for name in VERSION_FIELDS):
            # The service's own rules (committed within statutory), shown with the form's other errors.
            try:
                validate_content(self.content, [])
            except ValidationError as error:
                for name, messages in error.message_dict.items():
                    self.add_error(name, messages)
        return cleaned

    @property
    def content(self) -> dict:
        return {name: self.cleaned_data[name] for name in VERSION_FIELDS}

    def add_service_errors(self, error: ValidationError, materials: "MaterialFormSet") -> None:
        """Show a service's ValidationError next to the fields it names."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for name, messages in error.message_dict.items():
            if name == "materials":
                materials.service_errors.extend(messages)
            else:
                self.add_error(name if name in self.fields else None, messages)


class MaterialRowForm(BootstrapFormMixin, forms.Form):
    TEXT_FIELDS = ("name", "source", "notes", "condition")

    small = True
    name = forms.CharField(label=_("name"), max_length=200)
    form = forms.ChoiceField(label=_("form"), choices=MaterialForm.choices, initial=MaterialForm.ORIGINAL)
    copies = forms.IntegerField(label=_("copies"), min_value=1, max_value=MAX_COPIES, initial=1)
    source = forms.CharField(label=_("issued by / how to obtain"), max_length=200, required=False)
    notes = forms.CharField(label=_("notes"), max_length=300, required=False)
    condition = forms.CharField(
        label=_("needed only when"),
        max_length=200,
        required=False,
        help_text=_("Leave empty when every applicant provides it."),
    )

    def has_changed(self):
        # The order, form and copies always hold a value (a default, or the page's
        # script numbering the rows); a row without text is an unused row.
        return any(self.data.get(self.add_prefix(name), "").strip() for name in self.TEXT_FIELDS)

    def clean(self):
        cleaned = super().clean()
        for name in self.TEXT_FIELDS:
            value = cleaned.get(name)
            if value and ("|" in value or "｜" in value):
                # The catalogue file separates a material's parts with "|".
                self.add_error(name, _("A material cannot contain “|”."))
        return cleaned


class BaseMaterialFormSet(forms.BaseFormSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.service_errors: list[str] = []  # what the service said about the materials as a whole

    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["ORDER"].widget.attrs.update({"class": "form-control form-control-sm", "min": 1})
        form.fields["DELETE"].widget.attrs["class"] = "form-check-input"

    def clean(self):
        if any(self.errors):
            return
        names = [form.cleaned_data["name"] for form in self.ordered_forms]
        twice = sorted({name for name in names if names.count(name) > 1})
        if twice:
            raise ValidationError(_("A material is listed twice: %(names)s.") % {"names": "、".join(twice)})

    def rows_in_order(self):
        """The rows as their order numbers place them, so a refused form shows them as arranged."""

        def position(indexed):
            index, form = indexed
            order = form["ORDER"].value()
            try:
                return (0, int(order), index)
            except (TypeError, ValueError):
                return (1, 0, index)

        return [form for _index, form in sorted(enumerate(self.forms), key=position)]

    def materials(self) -> list[MaterialSpec]:
        return [
            MaterialSpec(
                name=form.cleaned_data["name"],
                form=form.cleaned_data["form"],
                copies=form.cleaned_data["copies"],
                source=form.cleaned_data["source"],
                notes=form.cleaned_data["notes"],
                condition=form.cleaned_data["condition"],
            )
            for form in self.ordered_forms
        ]


MaterialFormSet = formset_factory(
    MaterialRowForm, formset=BaseMaterialFormSet, extra=1, can_delete=True, can_order=True, max_num=100
)


def material_initial(version) -> list[dict]:
    return [
        {
            "name": m.name,
            "form": m.form,
            "copies": m.copies,
            "source": m.source,
            "notes": m.notes,
            "condition": m.condition,
            "ORDER": index,
        }
        for index, m in enumerate(version.materials.all(), start=1)
    ]
