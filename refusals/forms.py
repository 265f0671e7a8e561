"""The officer's refusal form (rule 6): the basis is insisted on, and the
item's own basis (办事依据) is offered to pick, so a refusal names its rule
even when the officer writes nothing; pages work without JavaScript."""

from django import forms
from django.utils.translation import gettext_lazy as _

from commitments.models import ServiceItem
from refusals.models import RefusalKind

OWN_BASIS = "own"


def offered_bases(matter) -> list[str]:
    """The bases the item offers: the version in force, and the case's version
    at intake when it said otherwise; none for a matter without an item."""
    if not matter.service_item_id:
        return []
    current = (
        ServiceItem.objects.filter(pk=matter.service_item_id).values_list("current__basis", flat=True).first()
    )
    bases = [(current or "").strip()]
    version = getattr(matter, "item_version", None)
    if version is not None and version.basis.strip() not in bases:
        bases.append(version.basis.strip())
    return [basis for basis in bases if basis]


class RefusalFileForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of refusal"), choices=RefusalKind.choices, widget=forms.RadioSelect
    )
    facts = forms.CharField(
        label=_("Facts"),
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
        help_text=_("What was found: the application, the check made, what it showed."),
    )
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"})
    )
    basis_source = forms.ChoiceField(label=_("Legal basis"), widget=forms.RadioSelect, required=False)
    legal_basis = forms.CharField(
        label=_("Legal basis (the article it rests on)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
        help_text=_(
            "Required: the item's basis picked above, this text, or both (the text is added after it)."
        ),
    )
    cure = forms.CharField(
        label=_("What the applicant would still need"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
        help_text=_("When something would cure it: what to bring or change to apply again."),
    )

    def __init__(self, *args, bases: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.bases = bases
        choices = [(str(i), basis) for i, basis in enumerate(bases)]
        self.fields["basis_source"].choices = [*choices, (OWN_BASIS, _("Write it below"))]
        self.fields["basis_source"].initial = OWN_BASIS
        if not bases:
            del self.fields["basis_source"]

    def clean(self):
        data = super().clean()
        picked = data.get("basis_source") or OWN_BASIS
        written = (data.get("legal_basis") or "").strip()
        basis = "" if picked == OWN_BASIS else self.bases[int(picked)]
        if basis and written and written != basis:
            data["legal_basis"] = f"{basis}\n{written}"
        else:
            data["legal_basis"] = written or basis
        if not data["legal_basis"]:
            self.add_error(
                "legal_basis", _("Name the rule the refusal rests on: no refusal without its legal basis.")
            )
        return data

    def service_fields(self) -> dict:
        return {key: self.cleaned_data[key] for key in ("kind", "facts", "reason", "legal_basis", "cure")}
