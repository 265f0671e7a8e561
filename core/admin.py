from django.contrib import admin

from core.admin_mixins import ReadOnlyAdminMixin
from core.models import JobRun


@admin.register(JobRun)
class JobRunAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = [
        "name",
        "last_started_at",
        "last_finished_at",
        "last_ok",
        "runs",
        "failures",
        "last_summary",
    ]
