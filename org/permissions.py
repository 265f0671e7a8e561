"""Permission checks for pages and the API, on top of the rules in org.rules."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from rest_framework.permissions import BasePermission

from org.predicates import is_staff_member


def permission_required(perm: str):
    """Anonymous users go to the login page; a logged-in user without the
    permission gets 403."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not request.user.has_perm(perm):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorate


class IsStaffMember(BasePermission):
    """The API is for the bureau's staff (and the systems acting as them)."""

    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated and is_staff_member(request.user))


def rule_permission(perm: str) -> type[BasePermission]:
    """A DRF permission class asking django-rules for ``perm`` on the object."""

    class RulePermission(BasePermission):
        def has_permission(self, request, view):
            return bool(request.user and request.user.is_authenticated and request.user.has_perm(perm))

    RulePermission.__name__ = f"RulePermission[{perm}]"
    return RulePermission
