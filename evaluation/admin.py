"""Rule 8 in the admin.

The reasons a poor rating may tick are the bureau's own list, edited here with
an audit event per change; a reason no longer wanted is taken out of use, not
deleted, since past ratings ticked it. Ratings and their follow-ups are read
here and never edited: a rating is never changed (一事一评), and a follow-up
moves only through its services (call-back, fix, grade, appeal).
"""

from django.contrib import admin

from audit.admin_mixins import AuditedAdminMixin
from core.admin_mixins import ReadOnlyAdminMixin
from evaluation.models import FollowUp, PoorReason, Rating


@admin.register(PoorReason)
class PoorReasonAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "active", "order"]
    list_editable = ["active", "order"]
    list_filter = ["active"]
    fields = ["name", "active", "order"]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Rating)
class RatingAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["case", "level", "channel", "is_default", "excluded", "staff", "department", "rated_at"]
    list_filter = ["level", "channel", "is_default", "excluded", "department"]
    search_fields = ["case__number", "staff__name"]
    date_hierarchy = "rated_at"
    list_select_related = ["case", "staff", "department"]
    fields = [
        "case",
        "level",
        "reason",
        "tags",
        "channel",
        "is_default",
        "rated_at",
        "staff",
        "department",
        "named",
        "excluded",
    ]


@admin.register(FollowUp)
class FollowUpAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["rating", "department", "assigned_to", "status", "due", "grade", "appeal_status"]
    list_filter = ["status", "appeal_status", "grade", "department"]
    search_fields = ["rating__case__number", "assigned_to__name"]
    date_hierarchy = "opened_at"
    list_select_related = ["rating__case", "department", "assigned_to"]
    fields = [
        "rating",
        "department",
        "assigned_to",
        "opened_at",
        "due",
        "status",
        "called_at",
        "called_by",
        "call_note",
        "fixed_at",
        "fixed_by",
        "fix_note",
        "grade",
        "graded_at",
        "appeal_status",
        "appeal_reason",
        "appealed_at",
        "appealed_by",
        "appeal_decided_by",
        "appeal_decided_at",
        "appeal_opinion",
    ]
