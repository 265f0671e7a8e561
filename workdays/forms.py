from django import forms
from django.utils.translation import gettext_lazy as _

from workdays.models import FIRST_YEAR, LAST_YEAR


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("year"), min_value=FIRST_YEAR, max_value=LAST_YEAR, required=False)
