"""What a service says when it refuses: shared by every app, so that an app
above can catch a refusal of one below without importing its pages or API."""

from django.core.exceptions import PermissionDenied


class ConflictError(Exception):
    """A state change that is not allowed now (the API answers 409)."""


class InputRefused(ValueError):
    """Well-formed input the system cannot act on (the API answers 400 with
    ``message`` as ``detail``)."""

    @property
    def message(self) -> str:
        return str(self)


def require(user, perm: str, obj=None) -> None:
    """PermissionDenied unless ``user`` holds ``perm`` (on ``obj``). No user
    is no permission: only code that acts for no one (a periodic job) may
    skip the check, by not calling this."""
    if user is None or not user.has_perm(perm, obj):
        raise PermissionDenied
