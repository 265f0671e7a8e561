"""Records of higher apps that a case can be opened from (api.md's optional
``inquiry`` on ``cases/``). Rule 2 may not import rule 1, so rule 1 registers
how to open a case for one of its inquiries, and the case API calls it."""

from collections.abc import Callable

# field name -> open(actor, record_id, **case_fields) -> Case
_openers: dict[str, Callable] = {}


def register_case_source(field: str, opener: Callable) -> None:
    _openers[field] = opener


def case_source(field: str) -> Callable | None:
    return _openers.get(field)
