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


# Rule 6: a case reaches "refused" only with a refusal on file. The refusals app
# registers ``check(case) -> str | None``: the number of the refusal in force on
# the case (filed or confirmed), else None. Without it, no case can be refused.
_refusal_check: Callable | None = None


def register_refusal_check(check: Callable) -> None:
    global _refusal_check
    _refusal_check = check


def refusal_on_file(case) -> str | None:
    return _refusal_check(case) if _refusal_check is not None else None
