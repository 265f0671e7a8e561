"""The holder-change pages' forms: the shape of the input; the services check the rest."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from abpositions.models import ChangeStatus, HolderChange, HolderRole
from core.forms import BootstrapFormMixin, StaffChoiceField
from org.models import Department, Staff


class HolderChangeRequestForm(BootstrapFormMixin, forms.Form):
    role = forms.ChoiceField(label=_("Holder to change"), choices=HolderRole.choices)
    proposed = StaffChoiceField(
        queryset=Staff.objects.none(), label=_("New holder"), empty_label=_("— choose —")
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, post, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposed"].queryset = (
            Staff.objects.active().filter(department=post.department_id).select_related("department")
        )


class HolderChangeDecisionForm(forms.Form):
    note = forms.CharField(required=False, max_length=2000)


class HolderChangeFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ChangeStatus.choices, empty_label=_("All statuses")
    )
    section = django_filters.ModelChoiceFilter(
        label=_("Section"),
        field_name="post__department",
        queryset=Department.objects.all(),
        empty_label=_("All sections"),
    )

    class Meta:
        model = HolderChange
        fields = ["status", "section"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            field.widget.attrs["class"] = "form-select form-select-sm"
