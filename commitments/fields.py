"""The catalogue's choice field, for every form that picks a service item."""

from django.utils.translation import gettext_lazy as _

from core.forms import GroupedModelChoiceField


class ItemChoiceField(GroupedModelChoiceField):
    def label_from_instance(self, item):
        version = item.current
        if version.on_the_spot:
            limit = _("on the spot")
        else:
            limit = _("%(days)s working days") % {"days": version.committed_days}
        return f"{item.code} {version.name} ({limit})"
