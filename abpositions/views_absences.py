"""Rule 4 pages: register an absence, my absences with "I am back" and cancel.

Every write goes through abpositions.services_absences: a ValidationError
lands on the form, a ConflictError ("not now") is a message on the list.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from abpositions import selectors_absences
from abpositions.forms_absences import AbsenceForm
from abpositions.services_absences import absence_cancel, absence_end, absence_register
from core import clock
from core.errors import ConflictError
from core.http import safe_next
from org.predicates import is_section_chief, is_staff_member, staff_of


def _staff_member(request):
    if not is_staff_member(request.user):
        raise PermissionDenied
    return staff_of(request.user)


@login_required
def mine(request):
    """My absences, the coming and current ones first; a chief's section's below."""
    me = _staff_member(request)
    visible = selectors_absences.absences_visible_to(request.user)
    mine = list(visible.filter(staff=me)[:50])
    section = None
    if is_section_chief(request.user):
        section = list(selectors_absences.not_over(visible.exclude(staff=me)).order_by("start")[:100])
    return render(
        request,
        "abpositions/absences.html",
        {"mine": mine, "section": section, "me": me, "now": clock.now()},
    )


@login_required
def new(request):
    _staff_member(request)
    if request.method == "POST":
        form = AbsenceForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                absence = absence_register(actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(request, _("Absence of %(name)s registered.") % {"name": absence.staff.name})
                return redirect("abpositions:absences")
        form.focus_first_error()
    else:
        form = AbsenceForm(user=request.user)
    return render(request, "abpositions/absence_new.html", {"form": form})


def _absence_to_change(request, pk):
    """An absence the user may not see is not found; one they see but may not change is forbidden."""
    absence = selectors_absences.absences_visible_to(request.user).filter(pk=pk).first()
    if absence is None:
        raise Http404
    if not request.user.has_perm("abpositions.change_absence", absence):
        raise PermissionDenied
    return absence


@require_POST
@login_required
def end(request, pk):
    return _change(request, pk, absence_end, _("Welcome back: the absence of %(name)s has ended."))


@require_POST
@login_required
def cancel(request, pk):
    return _change(request, pk, absence_cancel, _("The absence of %(name)s is cancelled."))


def _change(request, pk, change, done):
    absence = _absence_to_change(request, pk)
    try:
        change(actor=request.user, absence=absence)
    except ConflictError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done % {"name": absence.staff.name})
    return redirect(safe_next(request, reverse("abpositions:absences")))
