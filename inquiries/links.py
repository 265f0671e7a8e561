"""Hooks rule 1 offers the apps above it.

Rule 6: an inquiry closes as "cannot be accepted" only with a refusal on file.
The refusals app registers ``check(inquiry) -> str | None``: the number of the
refusal in force on the inquiry (filed or confirmed), else None. Without it, no
inquiry can close so."""

from collections.abc import Callable

_refusal_check: Callable | None = None


def register_refusal_check(check: Callable) -> None:
    global _refusal_check
    _refusal_check = check


def refusal_on_file(inquiry) -> str | None:
    return _refusal_check(inquiry) if _refusal_check is not None else None
