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


# What /track/ shows the applicant beyond the case's status and dates, from the
# apps above (rule 6: the refusal's status and, once given, its notice's number).
# Each registers ``detail(case) -> list[(label, value)]``: public words only,
# never a name, a phone or anything the applicant did not already have.
_track_details: list[Callable] = []


def register_track_detail(detail: Callable) -> None:
    if detail not in _track_details:
        _track_details.append(detail)


def track_details(case) -> tuple[tuple[str, str], ...]:
    return tuple(line for detail in _track_details for line in detail(case))
