"""Records of higher apps that a case can be opened from (api.md's optional
``inquiry`` on ``cases/``). Rule 2 may not import rule 1, so rule 1 registers
how to open a case for one of its inquiries, and the case API calls it."""

from collections.abc import Callable
from dataclasses import dataclass

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


# Rule 8: what the applicant is asked to do beyond the case (rate the service),
# printed on the receipt (a line, and a QR code) and sent with the message that
# the case is completed. Each registers ``invitation(case, *, medium, site_url)
# -> Invitation | None``: ``medium`` is PAPER or MESSAGE, ``site_url`` the
# bureau's public address the link starts with (empty: none is known, so no
# link can leave the site).
PAPER, MESSAGE = "paper", "message"


@dataclass(frozen=True)
class Invitation:
    text: str  # one line, the link in it
    url: str = ""  # the link alone, absolute: printed as a QR code on paper
    qr_caption: str = ""  # the words beside the QR code
    qr_svg: str = ""  # the QR code for the print page, markup made safe by its app


_invitations: list[Callable] = []


def register_case_invitation(invitation: Callable) -> None:
    if invitation not in _invitations:
        _invitations.append(invitation)


def case_invitations(case, *, medium: str, site_url: str) -> tuple[Invitation, ...]:
    found = (invite(case, medium=medium, site_url=site_url) for invite in _invitations)
    return tuple(invitation for invitation in found if invitation is not None)


# Fields the case API's answer carries for the apps above (rule 8:
# ``rating_url``). Each registers a name and ``make() -> serializers.Field``, a
# read-only field with ``source="*"`` that is given the case (and the
# serializer's context, with the request).
_case_api_fields: dict[str, Callable] = {}


def register_case_api_field(name: str, make: Callable) -> None:
    _case_api_fields[name] = make


def case_api_fields() -> dict[str, Callable]:
    return dict(_case_api_fields)
