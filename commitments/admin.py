"""Rule 3 in the admin.

The catalogue is read-only here: items change through their versions, which
the catalogue pages and the import write through commitments.services. The
board texts are the bureau's own words, edited here with an audit event per
change. Breaches are a register, recorded and decided on their own pages.
"""

from pathlib import Path

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from audit.admin_mixins import AuditedAdminMixin
from commitments.models import BoardText, Breach, Material, ServiceItem, ServiceItemVersion
from core.admin_mixins import ReadOnlyAdminMixin


class ReadOnlyInlineMixin:
    """An inline shown with its parent and never edited; visible to whoever
    may view the parent, so no separate view permission is needed."""

    extra = 0
    can_delete = False
    parent_view_permission = ""

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm(self.parent_view_permission)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class VersionInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = ServiceItemVersion
    parent_view_permission = "commitments.view_serviceitem"
    fields = ["number", "name", "statutory_days", "committed_days", "created_at", "created_by", "change_note"]
    show_change_link = True
    verbose_name_plural = _("versions (newest first)")


class MaterialInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = Material
    parent_view_permission = "commitments.view_serviceitemversion"
    fields = ["order", "name", "form", "copies", "source", "notes", "condition"]


@admin.register(ServiceItem)
class ServiceItemAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["code", "current_name", "department", "post", "current_number", "published"]
    list_filter = ["department", "published"]
    search_fields = ["code", "current__name"]
    list_select_related = ["department", "current", "post"]
    fields = ["code", "department", "post", "published", "current", "created_at"]
    inlines = [VersionInline]

    @admin.display(description=_("name"), ordering="current__name")
    def current_name(self, item):
        return item.current.name if item.current_id else "—"

    @admin.display(description=_("version"))
    def current_number(self, item):
        return item.current.number if item.current_id else "—"


@admin.register(ServiceItemVersion)
class ServiceItemVersionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["item", "number", "name", "committed_days", "statutory_days", "created_at", "change_note"]
    list_filter = ["item__department"]
    search_fields = ["name", "item__code"]
    list_select_related = ["item__current"]
    inlines = [MaterialInline]


@admin.register(BoardText)
class BoardTextAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["title", "kind", "order"]
    list_editable = ["order"]
    ordering = ["order", "kind"]


@admin.register(Breach)
class BreachAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["occurred_on", "staff", "department", "item", "outcome", "complaint_received"]
    list_filter = ["outcome", "complaint_received", "staff__department"]
    search_fields = ["staff__name", "item__code", "happened"]
    date_hierarchy = "occurred_on"
    list_select_related = ["staff__department", "item__current"]
    fields = [
        "staff",
        "item",
        "item_version",
        "occurred_on",
        "promised",
        "happened",
        "evidence",
        "evidence_file_name",
        "complaint_received",
        "outcome",
        "outcome_note",
        "recorded_by",
        "recorded_at",
        "decided_by",
        "decided_at",
    ]
    readonly_fields = ["item_version", "evidence_file_name"]

    @admin.display(description=_("department"), ordering="staff__department")
    def department(self, breach):
        return breach.staff.department

    @admin.display(description=_("evidence file"))
    def evidence_file_name(self, breach):
        # Only the name: the file is served by the breach page, to those who may see the breach.
        return Path(breach.evidence_file.name).name if breach.evidence_file else "—"
