"""Rule 5 in the admin: the notice failures, a register for rules 7 and 8,
read here and never edited (they are written by notifications.services)."""

from django.contrib import admin

from core.admin_mixins import ReadOnlyAdminMixin
from notifications.models import NoticeFailure


@admin.register(NoticeFailure)
class NoticeFailureAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["at", "notice", "name", "staff", "department", "overridden_by"]
    list_filter = ["department"]
    search_fields = ["notice__number", "staff__name", "name"]
    date_hierarchy = "at"
    list_select_related = ["notice", "staff", "department", "overridden_by"]
    fields = ["notice", "visit", "material", "name", "staff", "department", "overridden_by", "reason", "at"]
