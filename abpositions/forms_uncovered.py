from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import BootstrapFormMixin
from org.models import Post, Staff


class NameCoverForm(BootstrapFormMixin, forms.Form):
    cover = forms.ModelChoiceField(
        label=_("Who covers"),
        queryset=Staff.objects.none(),
        help_text=_("They answer for the post until its A holder is back."),
    )

    def __init__(self, *args, post: Post, away: set[int], **kwargs):
        super().__init__(*args, **kwargs)
        # Anyone of the section who is here now; the chief may keep the post themselves.
        self.fields["cover"].queryset = (
            Staff.objects.active()
            .filter(department_id=post.department_id)
            .exclude(pk__in=away | {post.a_holder_id})
            .order_by("-rank", "name")
        )
