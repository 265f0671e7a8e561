"""Writes of org: the roles a staff member holds, and the first administrator."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import transaction

from audit.services import record_event, reference
from org.models import Department, Staff
from org.roles import Role, grantable_roles, roles_of


def staff_set_roles(*, actor, staff: Staff, roles: set[str]) -> Staff:
    """Give ``staff`` exactly ``roles``. ``actor`` None is the system (a
    management command run by the server's operator).

    The actor may change only the roles it may grant; the Django admin
    (``is_staff``) comes with the administrator role and goes with it."""
    roles = set(roles)
    unknown = roles - set(Role.values)
    if unknown:
        raise ValueError(f"not a role: {sorted(unknown)}")
    user = staff.user
    before = roles_of(user)
    changed = before ^ roles
    if actor is not None and not changed <= grantable_roles(actor):
        raise PermissionDenied
    with transaction.atomic():
        for role in changed:
            group, _created = Group.objects.get_or_create(name=role)
            if role in roles:
                user.groups.add(group)
            else:
                user.groups.remove(group)
        is_staff = user.is_superuser or Role.ADMINISTRATOR in roles
        if user.is_staff != is_staff:
            user.is_staff = is_staff
            user.save(update_fields=["is_staff"])
        user._role_cache = None
        if changed:
            record_event(
                actor=actor,
                verb="staff.roles",
                subject=staff,
                before={"roles": sorted(before)},
                after={"roles": sorted(roles)},
            )
    return staff


def administrator_create(
    *,
    username: str,
    password: str,
    name: str,
    employee_number: str,
    department_code: str,
    department_name: str = "",
    email: str = "",
) -> Staff:
    """The login, its staff record and the administrator role in one step,
    for the first administrator of a new installation (no actor: the server's
    operator runs it). The section is made when it does not exist yet."""
    with transaction.atomic():
        department = Department.objects.filter(code=department_code).first()
        if department is None:
            if not department_name:
                raise ValueError(f"no section with the code {department_code!r}: give its name to create it")
            department = Department.objects.create(code=department_code, name=department_name)
            record_event(actor=None, verb="admin.create", subject=department, after={"code": department_code})
        user = get_user_model().objects.create_user(username=username, email=email, password=password)
        staff = Staff.objects.create(
            user=user, name=name, employee_number=employee_number, department=department
        )
        record_event(
            actor=None, verb="admin.create", subject=staff, after={"user": reference(user), "name": name}
        )
        staff_set_roles(actor=None, staff=staff, roles={Role.ADMINISTRATOR})
    return staff
