import django_filters
from django.utils.translation import gettext_lazy as _

from notifications.models import Notice, NoticeKind, NoticeStatus


class NoticeFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        choices=NoticeStatus.choices, label=_("Status"), empty_label=_("All statuses")
    )
    kind = django_filters.ChoiceFilter(
        choices=NoticeKind.choices, label=_("Kind"), empty_label=_("All kinds")
    )
    number = django_filters.CharFilter(lookup_expr="icontains", label=_("Notice number"), max_length=20)

    class Meta:
        model = Notice
        fields = ["number", "status", "kind", "service_item", "department", "inquiry", "case", "issued_by"]
