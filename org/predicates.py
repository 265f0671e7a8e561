"""Who may do what: every permission question about staff is answered here.

Predicates for django-rules. Apps build their own rules from these (in
their rules.py), and ask with ``user.has_perm("app.verb_noun", obj)``.
"""

import rules

from org.roles import Role, has_role


def staff_of(user):
    if user is None or not user.is_authenticated:
        return None
    try:
        return user.staff
    except Exception:
        return None


def department_of(obj):
    """The department an object belongs to (a department, staff, post...)."""
    from org.models import Department

    if obj is None:
        return None
    if isinstance(obj, Department):
        return obj
    return getattr(obj, "department", None)


@rules.predicate
def is_staff_member(user):
    return staff_of(user) is not None


@rules.predicate
def is_front_desk(user):
    return has_role(user, Role.FRONT_DESK)


@rules.predicate
def is_handler(user):
    return has_role(user, Role.HANDLER)


@rules.predicate
def is_section_chief(user):
    return has_role(user, Role.SECTION_CHIEF)


@rules.predicate
def is_supervisor(user):
    return has_role(user, Role.SUPERVISOR)


@rules.predicate
def is_administrator(user):
    return has_role(user, Role.ADMINISTRATOR)


@rules.predicate
def in_same_department(user, obj):
    staff = staff_of(user)
    department = department_of(obj)
    return staff is not None and department is not None and staff.department_id == department.pk


@rules.predicate
def is_chief_of(user, obj):
    """A section chief acts only on their own section."""
    return is_section_chief(user) and in_same_department(user, obj)


def chiefs_of(department):
    from org.models import Staff

    return Staff.objects.active().with_role(Role.SECTION_CHIEF).filter(department=department)
