from django.contrib import admin

from audit.admin_mixins import AuditedAdminMixin
from org.models import Department, Post, Staff


@admin.register(Department)
class DepartmentAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "code", "public_phone", "room", "order"]
    search_fields = ["name", "code"]
    list_editable = ["order"]


@admin.register(Staff)
class StaffAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "employee_number", "department", "title", "rank", "shown_on_board"]
    list_filter = ["department", "shown_on_board", "user__groups"]
    search_fields = ["name", "employee_number", "user__username"]
    list_select_related = ["department"]
    autocomplete_fields = ["user"]


@admin.register(Post)
class PostAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "department", "a_holder", "b_holder"]
    list_filter = ["department"]
    search_fields = ["name", "a_holder__name", "b_holder__name"]
    list_select_related = ["department", "a_holder", "b_holder"]
    autocomplete_fields = ["a_holder", "b_holder"]
