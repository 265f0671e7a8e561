"""Rule 8 in the admin.

The reasons a poor rating may tick are the bureau's own list, edited here with
an audit event per change; a reason no longer wanted is taken out of use, not
deleted, since past ratings ticked it. Ratings and their follow-ups are read
here and never edited: a rating is never changed (一事一评), and a follow-up
moves only through its services (call-back, fix, grade, appeal).
"""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from audit.admin_mixins import AuditedAdminMixin
from core.admin_mixins import ReadOnlyAdminMixin
from evaluation.figures import COUNTED, LABELS
from evaluation.models import FollowUp, PoorReason, Rating, ScoreScheme, Snapshot


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


class ScoreSchemeForm(forms.ModelForm):
    class Meta:
        model = ScoreScheme
        fields = ["valid_from", "base", "rules", "note"]

    def clean_rules(self):
        """Each figure the scheme names exists, with numeric points and a non-negative cap."""
        rules = self.cleaned_data["rules"]
        if not isinstance(rules, dict) or not rules:
            raise forms.ValidationError(
                _('Give the points per figure, e.g. {"overdue": {"points": -5, "cap": 30}}.')
            )
        known = set(LABELS) | {figure.key for figure in COUNTED}
        for key, rule in rules.items():
            if key not in known:
                raise forms.ValidationError(_("Unknown figure: %(key)s.") % {"key": key})
            points, cap = (rule or {}).get("points"), (rule or {}).get("cap")
            if not isinstance(points, int | float) or (
                cap is not None and (not isinstance(cap, int | float) or cap < 0)
            ):
                raise forms.ValidationError(
                    _("%(key)s: points must be a number and the cap a number ≥ 0.") % {"key": key}
                )
        return rules


@admin.register(ScoreScheme)
class ScoreSchemeAdmin(AuditedAdminMixin, admin.ModelAdmin):
    """A new version from a date, never an edit: a period keeps the scheme in force on its first day."""

    form = ScoreSchemeForm
    list_display = ["valid_from", "base", "note", "created_at"]

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Snapshot)
class SnapshotAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["period", "level", "revision", "scheme", "created_at", "created_by", "reason"]
    list_filter = ["level"]
    search_fields = ["period"]
    fields = ["period", "level", "revision", "scheme", "created_at", "created_by", "reason"]
