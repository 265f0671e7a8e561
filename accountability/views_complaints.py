"""Rule 7 pages about efficiency complaints for staff: any staff member logs one
received by phone or at the desk; the supervisors list them by status and due
date, and accept, decline, extend and answer each on its page.

Every write goes through accountability.services_complaints: a ValidationError
lands on its form (400), a ConflictError ("answered already") is an alert on
the page as it is now (409)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accountability import selectors, services_complaints
from accountability.forms_complaints import AnswerForm, DeskComplaintForm, ReasonForm
from accountability.models import ComplaintStatus
from core import clock
from core.errors import ConflictError
from core.http import url_with
from core.paginator import IdsFirstPaginator
from org.permissions import permission_required

PAGE_SIZE = 50
OPEN = (ComplaintStatus.RECEIVED, ComplaintStatus.ACCEPTED)


def complaint_counts(queryset, today) -> dict:
    """Per status, open and overdue, in one query."""
    counts = queryset.aggregate(
        total=Count("pk"),
        overdue=Count("pk", filter=selectors.complaint_overdue_q(today)),
        **{status: Count("pk", filter=Q(status=status)) for status in ComplaintStatus.values},
    )
    counts["open"] = counts[ComplaintStatus.RECEIVED] + counts[ComplaintStatus.ACCEPTED]
    return counts


def _filtered(request, today):
    complaints = selectors.complaints_for(request.user)
    status = request.GET.get("status", "")
    if status in ComplaintStatus.values:
        complaints = complaints.filter(status=status)
    elif status == "open":
        complaints = complaints.filter(status__in=OPEN)
    if request.GET.get("overdue") == "1":
        complaints = complaints.filter(selectors.complaint_overdue_q(today))
    return complaints, status


@require_safe
@permission_required("accountability.view_complaint")
def complaint_list(request):
    today = clock.localdate()
    complaints, status = _filtered(request, today)
    page = IdsFirstPaginator(complaints, PAGE_SIZE).get_page(request.GET.get("page"))
    counts = complaint_counts(selectors.complaints_for(request.user), today)
    cards = [
        {"label": _("Open"), "count": counts["open"], "url": url_with(request, status="open", overdue=None)},
        {
            "label": _("Overdue"),
            "count": counts["overdue"],
            "url": url_with(request, status=None, overdue="1"),
            "tone": "late" if counts["overdue"] else "",
        },
        *(
            {"label": label, "count": counts[value], "url": url_with(request, status=value, overdue=None)}
            for value, label in ComplaintStatus.choices
        ),
        {"label": _("All"), "count": counts["total"], "url": url_with(request, status=None, overdue=None)},
    ]
    return render(
        request,
        "accountability/complaint_list.html",
        {
            "page": page,
            "cards": cards,
            "status": status,
            "overdue": request.GET.get("overdue") == "1",
            "statuses": ComplaintStatus.choices,
            "today": today,
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required("accountability.log_complaint")
def complaint_new(request):
    """A complaint a caller or a visitor makes to any member of staff, taken down for them."""
    form = DeskComplaintForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            complaint = services_complaints.complaint_file(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _logged_message(complaint))
            if request.user.has_perm("accountability.view_complaint", complaint):
                return redirect(complaint)
            return redirect("accountability:complaint_new")
    status = 400 if form.is_bound else 200
    return render(request, "accountability/complaint_new.html", {"form": form}, status=status)


def _logged_message(complaint) -> str:
    params = {"number": complaint.number, "date": complaint.accept_due.isoformat()}
    if complaint.anonymous:
        return (
            _(
                "Complaint %(number)s logged, anonymous: it gets no reply. "
                "A supervisor accepts or declines it by %(date)s."
            )
            % params
        )
    return (
        _(
            "Complaint %(number)s logged. Tell the complainant the number: with the last four digits "
            "of their phone they track it at /complaints/track/. "
            "A supervisor accepts or declines it by %(date)s."
        )
        % params
    )


def _complaint_or_404(request, pk):
    if not request.user.has_perm("accountability.view_complaint"):
        raise PermissionDenied
    complaint = selectors.complaint_for_page(request.user, pk)
    if complaint is None:
        raise Http404
    return complaint


def _render(request, complaint, *, forms=None, conflict="", revealed=False, status=200):
    today = clock.localdate()
    may_handle = request.user.has_perm("accountability.handle_complaint", complaint)
    forms = forms or {}
    return render(
        request,
        "accountability/complaint.html",
        {
            "complaint": complaint,
            "may_handle": may_handle,
            "decline_form": forms.get("decline") or ReasonForm(prefix="decline"),
            "extend_form": forms.get("extend") or ReasonForm(prefix="extend"),
            "answer_form": forms.get("answer") or AnswerForm(prefix="answer"),
            "accept_late": complaint.status == ComplaintStatus.RECEIVED and complaint.accept_due < today,
            "answer_late": complaint.status == ComplaintStatus.ACCEPTED
            and complaint.answer_due is not None
            and complaint.answer_due < today,
            "revealed": revealed,
            "may_reveal": not revealed
            and bool(complaint.complainant_phone)
            and request.user.has_perm("accountability.see_complainant_contact", complaint),
            "conflict": conflict,
        },
        status=status,
    )


@require_safe
@permission_required("accountability.view_complaint")
def complaint(request, pk):
    return _render(request, _complaint_or_404(request, pk))


@require_POST
@permission_required("accountability.view_complaint")
def reveal_contact(request, pk):
    """The page again with the complainant's full phone; the sight is logged."""
    complaint = _complaint_or_404(request, pk)
    services_complaints.complaint_reveal_contact(actor=request.user, complaint=complaint)
    return _render(request, complaint, revealed=True)


def _accept(request, complaint):
    services_complaints.complaint_accept(actor=request.user, complaint=complaint)
    return _("Complaint %(number)s accepted: answer it by %(date)s.")


def _decline(request, complaint):
    form = ReasonForm(request.POST, prefix="decline")
    form.is_valid()
    services_complaints.complaint_decline(
        actor=request.user, complaint=complaint, reason=form.cleaned_data.get("reason", "")
    )
    return _("Complaint %(number)s declined; the complainant sees the reason when tracking it.")


def _extend(request, complaint):
    form = ReasonForm(request.POST, prefix="extend")
    form.is_valid()
    services_complaints.complaint_extend(
        actor=request.user, complaint=complaint, reason=form.cleaned_data.get("reason", "")
    )
    return _("Complaint %(number)s extended: answer it by %(date)s.")


def _answer(request, complaint):
    form = AnswerForm(request.POST, prefix="answer")
    form.is_valid()
    data = form.cleaned_data
    services_complaints.complaint_answer(
        actor=request.user,
        complaint=complaint,
        answer=data.get("answer", ""),
        upheld=data.get("upheld"),
        investigation=data.get("investigation", ""),
    )
    return _("Complaint %(number)s answered.")


STEPS = {"accept": _accept, "decline": _decline, "extend": _extend, "answer": _answer}
# The form each step's errors land on (accept has none).
STEP_FORMS = {
    "decline": lambda data: ReasonForm(data, prefix="decline"),
    "extend": lambda data: ReasonForm(data, prefix="extend"),
    "answer": lambda data: AnswerForm(data, prefix="answer"),
}


def _act(request, pk, step: str):
    """One supervisor's step on the complaint, through its service."""
    complaint = _complaint_or_404(request, pk)
    if not request.user.has_perm("accountability.handle_complaint", complaint):
        raise PermissionDenied
    try:
        message = STEPS[step](request, complaint)
    except ValidationError as error:
        form = STEP_FORMS[step](request.POST) if step in STEP_FORMS else None
        if form is None:
            return _render(request, complaint, conflict=" ".join(error.messages), status=400)
        form.is_valid()
        form.add_error(None, error)
        return _render(request, complaint, forms={step: form}, status=400)
    except ConflictError as error:
        # Moved on already (another supervisor, a moment before): the page as it is now.
        return _render(request, _complaint_or_404(request, pk), conflict=str(error), status=409)
    complaint.refresh_from_db()
    date = complaint.answer_due.isoformat() if complaint.answer_due else ""
    messages.success(request, message % {"number": complaint.number, "date": date})
    return redirect(complaint)


@require_POST
@permission_required("accountability.view_complaint")
def complaint_accept(request, pk):
    return _act(request, pk, "accept")


@require_POST
@permission_required("accountability.view_complaint")
def complaint_decline(request, pk):
    return _act(request, pk, "decline")


@require_POST
@permission_required("accountability.view_complaint")
def complaint_extend(request, pk):
    return _act(request, pk, "extend")


@require_POST
@permission_required("accountability.view_complaint")
def complaint_answer(request, pk):
    return _act(request, pk, "answer")
