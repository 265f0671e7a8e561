"""The officer's refusal of a case or an application inquiry (rule 6).

The form stands on the matter's page (refusals.panels); it posts here, and
comes back here with its errors, never half-written: refusal_file refuses
the matter in the same transaction."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.errors import ConflictError
from refusals import services
from refusals.forms import RefusalFileForm, offered_bases
from refusals.matters import matter_for_page, may_be_refused_now
from refusals.panels import file_url


def _render(request, matter, form, *, conflict="", status=200):
    return render(
        request,
        "refusals/file.html",
        {
            "matter": matter,
            "matter_kind": matter._meta.model_name,
            "form": form,
            "file_url": file_url(matter),
            "conflict": conflict,
        },
        status=status,
    )


def _add_errors(form, error: ValidationError) -> None:
    """The service's errors on their fields, or above the form for a field it has not."""
    for field, texts in getattr(error, "message_dict", {None: error.messages}).items():
        form.add_error(field if field in form.fields else None, texts)


def _file(request, kind: str, pk: int):
    matter = matter_for_page(request.user, kind, pk)
    if matter is None:
        raise Http404
    if not request.user.has_perm("refusals.file_refusal", matter):
        raise PermissionDenied
    if not may_be_refused_now(matter):
        text = _("%(number)s is not awaiting a decision, or a refusal of it is filed already.")
        return _render(request, matter, None, conflict=text % {"number": matter.number}, status=409)
    form = RefusalFileForm(request.POST or None, bases=offered_bases(matter))
    if request.method != "POST":
        return _render(request, matter, form)
    if form.is_valid():
        try:
            refusal = services.refusal_file(actor=request.user, **{kind: matter}, **form.service_fields())
        except ValidationError as error:
            _add_errors(form, error)
        except ConflictError as error:
            return _render(request, matter, None, conflict=str(error), status=409)
        else:
            text = _("Refusal %(number)s filed; %(matter)s is refused until the chief reviews it by %(day)s.")
            messages.success(
                request,
                text
                % {"number": refusal.number, "matter": matter.number, "day": refusal.review_due.isoformat()},
            )
            return redirect(refusal)
    return _render(request, matter, form, status=400)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def file_case(request, pk):
    return _file(request, "case", pk)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def file_inquiry(request, pk):
    return _file(request, "inquiry", pk)
