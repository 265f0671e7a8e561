"""Hooks rule 5 offers the apps above it.

Rule 6: a one-time notice saying the matter cannot be accepted at all is a
refusal. The refusals app registers ``file(actor, notice) -> refusal``, which
files it (decided at the window, so reviewed after) in the notice's own
transaction and refuses the case it was issued on; without it, no such notice
can be issued."""

from collections.abc import Callable

_refusal_filer: Callable | None = None


def register_refusal_filer(filer: Callable) -> None:
    global _refusal_filer
    _refusal_filer = filer


def refusal_filer() -> Callable | None:
    return _refusal_filer
