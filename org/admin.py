from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from audit.admin_mixins import AuditedAdminMixin
from audit.services import record_event, snapshot
from org.models import Department, Post, Staff
from org.roles import Role, grantable_roles, roles_of
from org.services import staff_set_roles


@admin.register(Department)
class DepartmentAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "code", "public_phone", "room", "order"]
    search_fields = ["name", "code"]
    list_editable = ["order"]


class StaffForm(forms.ModelForm):
    roles = forms.MultipleChoiceField(label=_("Roles"), required=False, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Staff
        fields = [
            "user",
            "name",
            "employee_number",
            "department",
            "title",
            "rank",
            "duties",
            "phone_extension",
            "mobile",
            "shown_on_board",
        ]


@admin.register(Staff)
class StaffAdmin(AuditedAdminMixin, admin.ModelAdmin):
    """Roles are given here, through ``staff_set_roles``: only the roles the
    signed-in user may grant are offered, and each change is an audit event."""

    form = StaffForm
    list_display = ["name", "employee_number", "department", "title", "rank", "shown_on_board"]
    list_filter = ["department", "shown_on_board", "user__groups"]
    search_fields = ["name", "employee_number", "user__username"]
    list_select_related = ["department"]
    autocomplete_fields = ["user"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        grantable = grantable_roles(request.user)
        held = roles_of(obj.user) if obj is not None else set()
        kept = [str(Role(code).label) for code in sorted(held - grantable)]
        # A new field for each request: the form class's own is shared.
        form.base_fields["roles"] = forms.MultipleChoiceField(
            label=_("Roles"),
            choices=[(code, label) for code, label in Role.choices if code in grantable],
            initial=sorted(held & grantable),
            required=False,
            widget=forms.CheckboxSelectMultiple,
            help_text=(
                _("Also holds, which only a superuser can change: %(roles)s") % {"roles": "、".join(kept)}
                if kept
                else ""
            ),
        )
        return form

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if "roles" in form.cleaned_data:
            kept = roles_of(obj.user) - grantable_roles(request.user)
            staff_set_roles(actor=request.user, staff=obj, roles=kept | set(form.cleaned_data["roles"]))


User = get_user_model()
admin.site.unregister(User)
# Never the password hash.
AUDITED_USER_FIELDS = [
    "username",
    "first_name",
    "last_name",
    "email",
    "is_active",
    "is_staff",
    "is_superuser",
]


@admin.register(User)
class BureauUserAdmin(UserAdmin):
    """Logins. Roles are given on the staff page, never here; only a superuser
    sees superuser, admin-access and permission fields, and a user who is not
    a superuser cannot edit a login that holds more than they may grant (its
    password would be theirs to set)."""

    list_filter = ["is_active", "is_staff", "is_superuser"]
    limited_fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "email")}),
        (_("Status"), {"fields": ("is_active", "last_login", "date_joined")}),
    )

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return self.add_fieldsets
        if request.user.is_superuser:
            return tuple(
                (name, {**options, "fields": tuple(f for f in options["fields"] if f != "groups")})
                for name, options in self.fieldsets
            )
        return self.limited_fieldsets

    def get_readonly_fields(self, request, obj=None):
        return ("last_login", "date_joined")

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            before = snapshot(User.objects.get(pk=obj.pk), AUDITED_USER_FIELDS) if change else None
            super().save_model(request, obj, form, change)
            record_event(
                actor=request.user,
                verb="admin.change" if change else "admin.create",
                subject=obj,
                before=before,
                after=snapshot(obj, AUDITED_USER_FIELDS),
            )

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        if obj is None or request.user.is_superuser:
            return True
        return not obj.is_superuser and roles_of(obj) <= grantable_roles(request.user)


@admin.register(Post)
class PostAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "department", "a_holder", "b_holder"]
    list_filter = ["department"]
    search_fields = ["name", "a_holder__name", "b_holder__name"]
    list_select_related = ["department", "a_holder", "b_holder"]
    autocomplete_fields = ["a_holder", "b_holder"]

    def get_readonly_fields(self, request, obj=None):
        # Rule 4: once a post exists, its holders change only on the section
        # chief's approval (abpositions' holder changes), never in place here.
        if obj is not None:
            return ["a_holder", "b_holder"]
        return []
