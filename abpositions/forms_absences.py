"""The absence registration form: the staff member's own, or the chief's for their section."""

from django import forms
from django.utils.translation import gettext_lazy as _

from abpositions.models import AbsenceKind
from abpositions.selectors_absences import section_staff
from core.forms import BootstrapFormMixin, ServiceErrorsMixin
from org.predicates import is_section_chief, staff_of


class MinuteInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self):
        super().__init__(format="%Y-%m-%dT%H:%M")


class AbsenceForm(ServiceErrorsMixin, BootstrapFormMixin, forms.Form):
    staff = forms.ModelChoiceField(queryset=None, label=_("who is away"), required=False)
    kind = forms.ChoiceField(label=_("kind"), choices=AbsenceKind.choices)
    start = forms.DateTimeField(label=_("from"), widget=MinuteInput())
    end = forms.DateTimeField(label=_("until"), widget=MinuteInput())
    contact = forms.CharField(
        label=_("reachable at"),
        max_length=100,
        help_text=_("A phone number or where you can be reached while away (required)."),
    )
    note = forms.CharField(label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    cover = forms.ModelChoiceField(
        queryset=None,
        label=_("who covers"),
        required=False,
        help_text=_("Needed only when both holders of a post would be away at once."),
    )
    chief_keeps = forms.BooleanField(label=_("I keep the posts myself"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.me = staff_of(user)
        if is_section_chief(user):
            people = section_staff(self.me.department_id)
            self.fields["staff"].queryset = people
            self.fields["staff"].initial = self.me.pk
            self.fields["staff"].empty_label = None
            self.fields["cover"].queryset = people
        else:
            for name in ("staff", "cover", "chief_keeps"):
                del self.fields[name]

    def clean(self):
        data = super().clean()
        data["staff"] = data.get("staff") or self.me
        if data.get("chief_keeps") and data.get("cover"):
            self.add_error("cover", _("Either name who covers or keep the posts yourself, not both."))
        data.setdefault("cover", None)
        data.setdefault("chief_keeps", False)
        return data
