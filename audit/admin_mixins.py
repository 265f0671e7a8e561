from django.db import transaction
from django.template.response import TemplateResponse

from audit.history import history_lines
from audit.selectors import events_for
from audit.services import record_event, snapshot


class AuditedAdminMixin:
    """Admin edits are changes of state too: each writes an audit event in
    the same transaction, and the admin's History page shows the trail."""

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            before = snapshot(type(obj).objects.get(pk=obj.pk)) if change else None
            super().save_model(request, obj, form, change)
            record_event(
                actor=request.user,
                verb="admin.change" if change else "admin.create",
                subject=obj,
                before=before,
                after=snapshot(obj),
            )

    def delete_model(self, request, obj):
        with transaction.atomic():
            record_event(actor=request.user, verb="admin.delete", subject=obj, before=snapshot(obj))
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        # The changelist's "delete selected": each row as delete_model deletes one,
        # so each has its event, all in one transaction.
        with transaction.atomic():
            for obj in queryset:
                self.delete_model(request, obj)

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is None or not self.has_view_or_change_permission(request, obj):
            return super().history_view(request, object_id, extra_context)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "object": obj,
            "title": str(obj),
            "rows": history_lines(events_for(obj), self.model),
        }
        return TemplateResponse(request, "audit/admin_history.html", context)
