"""The roles of rules.md, held as auth groups with model permissions.

A staff member can hold several roles. Object-level checks ("a section
chief acts only on their own section") are predicates in org.predicates.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    FRONT_DESK = "front_desk", _("Front desk")
    HANDLER = "handler", _("Handler")
    SECTION_CHIEF = "section_chief", _("Section chief")
    SUPERVISOR = "supervisor", _("Supervisor")
    ADMINISTRATOR = "administrator", _("Administrator")


# Model permissions each role's group holds. Apps that add models extend
# this map with their own entries (higher apps may import org).
ROLE_PERMISSIONS: dict[str, set[str]] = {
    Role.FRONT_DESK: {"org.view_department", "org.view_staff", "org.view_post"},
    Role.HANDLER: {"org.view_department", "org.view_staff", "org.view_post"},
    Role.SECTION_CHIEF: {"org.view_department", "org.view_staff", "org.view_post"},
    Role.SUPERVISOR: {"org.view_department", "org.view_staff", "org.view_post", "audit.view_auditevent"},
    Role.ADMINISTRATOR: {
        "org.view_department",
        "org.add_department",
        "org.change_department",
        "org.delete_department",
        "org.view_staff",
        "org.add_staff",
        "org.change_staff",
        "org.view_post",
        "org.add_post",
        "org.change_post",
        "org.delete_post",
        "auth.view_user",
        "auth.add_user",
        "auth.change_user",
        "audit.view_auditevent",
        "core.view_jobrun",
        "constance.view_config",
        "constance.change_config",
        "workdays.view_calendaryear",
        "workdays.add_calendaryear",
        "workdays.change_calendaryear",
        "workdays.view_specialday",
        "workdays.add_specialday",
        "workdays.change_specialday",
        "workdays.delete_specialday",
        "messaging.view_message",
    },
}


def roles_of(user) -> set[str]:
    """The role codes a user holds, cached on the user for the request."""
    if user is None or not user.is_authenticated or not user.is_active:
        return set()
    cached = getattr(user, "_role_cache", None)
    if cached is None:
        valid = set(Role.values)
        # .all() uses groups prefetched by a list query, avoiding a query per row.
        cached = {group.name for group in user.groups.all() if group.name in valid}
        user._role_cache = cached
    return cached


def has_role(user, *roles: str) -> bool:
    return bool(roles_of(user) & set(roles))


def sync_role_groups(app_config=None, **kwargs) -> None:
    """Make each role's group hold exactly its permissions (after migrate).

    Acts once per migrate, after the last installed app, when every app's
    permissions exist."""
    from django.apps import apps
    from django.contrib.auth.models import Group, Permission

    if app_config is not None and app_config is not list(apps.get_app_configs())[-1]:
        return

    for role, codes in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role)
        wanted = []
        for code in codes:
            app_label, codename = code.split(".")
            perm = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
            if perm is not None:
                wanted.append(perm)
        group.permissions.set(wanted)


def grantable_roles(user) -> set[str]:
    """The roles a user may give or take away: a superuser any; anyone else
    only a role whose every permission they hold themselves, so that giving
    a role never hands out more than the giver has (an administrator can
    neither make a supervisor nor become one)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return set()
    if user.is_superuser:
        return set(Role.values)
    if not user.has_perm("org.change_staff"):
        return set()
    return {role for role, codes in ROLE_PERMISSIONS.items() if all(user.has_perm(code) for code in codes)}
