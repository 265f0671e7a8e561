"""Rule 6's card on a case's and an application inquiry's page: the refusals
filed on it, and for who may refuse it now, the form (core.navigation.RelatedPanel)."""

from django.urls import reverse

from refusals.forms import RefusalFileForm, offered_bases
from refusals.matters import is_application, may_be_refused_now
from refusals.selectors import refusals_visible_to


def file_url(matter) -> str:
    return reverse(f"refusals:file_{matter._meta.model_name}", args=[matter.pk])


def may_file(user, matter) -> bool:
    return user.has_perm("refusals.file_refusal", matter) and may_be_refused_now(matter)


def _context(request, matter) -> dict | None:
    field = matter._meta.model_name
    refusals = list(refusals_visible_to(request.user).filter(**{field: matter}))
    form = RefusalFileForm(bases=offered_bases(matter)) if may_file(request.user, matter) else None
    if not refusals and form is None:
        return None
    return {"refusals": refusals, "form": form, "file_url": file_url(matter) if form else ""}


def case_panel(request, case) -> dict | None:
    return _context(request, case)


def inquiry_panel(request, inquiry) -> dict | None:
    if not is_application(inquiry):
        return None
    return _context(request, inquiry)
