"""Rule 7 pages about records: a record with its card, explanation, appeal and
decisions, and the actions on it, each a POST of its own.

Every write goes through accountability.services_records: a ValidationError
lands on its form (400), a ConflictError ("explained already", "appealed
already") is an alert on the page as it is now (409), a record out of the
user's reach is a 404 and an action they may not take a 403."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from accountability import selectors, services_records, sources
from accountability.forms_records import AppealDecideForm, AppealForm, CorrectForm, DecideForm, ExplainForm
from accountability.models import AppealStatus, RecordStatus
from core import clock
from core.errors import ConflictError

FORMS = {
    "explain": ExplainForm,
    "appeal": AppealForm,
    "appeal_decide": AppealDecideForm,
    "decide": DecideForm,
    "correct": CorrectForm,
}


def _record_or_404(user, pk):
    record = selectors.record_for_page(user, pk)
    if record is None:
        raise Http404
    return record


def _appeal(record):
    return getattr(record, "appeal", None)


def may(user, record) -> dict[str, bool]:
    """Which of the page's forms this user is offered, by permission and the record's state."""
    appeal = _appeal(record)
    waiting_appeal = appeal is not None and appeal.status == AppealStatus.FILED
    decided = record.status == RecordStatus.DECIDED
    return {
        "explain": record.status == RecordStatus.OPEN
        and user.has_perm("accountability.explain_record", record),
        "appeal": not decided and appeal is None and user.has_perm("accountability.appeal_record", record),
        "appeal_decide": waiting_appeal and user.has_perm("accountability.decide_appeal", record),
        "decide": not decided
        and not waiting_appeal
        and user.has_perm("accountability.decide_record", record),
        "correct": decided and user.has_perm("accountability.decide_record", record),
        "acknowledge": record.decision is not None
        and record.decision.acknowledged_at is None
        and user.has_perm("accountability.acknowledge_decision", record),
    }


def _decisions(record) -> list:
    """The record's decisions, oldest first, each knowing the one that corrected it."""
    decisions = list(record.decisions.all())
    by_pk = {decision.pk: decision for decision in decisions}
    for decision in decisions:
        decision.corrected_by = None
    for decision in decisions:
        if decision.supersedes_id in by_pk:
            by_pk[decision.supersedes_id].corrected_by = decision
    return decisions


def _render(request, record, *, bound=None, conflict="", status=200):
    allowed = may(request.user, record)
    forms = {
        name: (bound if bound is not None and bound.name == name else form_class(auto_id=f"{name}_%s"))
        for name, form_class in FORMS.items()
        if allowed[name]
    }
    today = clock.localdate()
    evidence = list(record.evidence.all())
    return render(
        request,
        "accountability/record.html",
        {
            "record": record,
            "appeal": _appeal(record),
            "may": allowed,
            "forms": forms,
            "decisions": _decisions(record),
            "decision_evidence": [item for item in evidence if not item.for_appeal],
            "appeal_evidence": [item for item in evidence if item.for_appeal],
            "source_link": sources.source_link(record),
            "explain_late": record.status == RecordStatus.OPEN and record.explain_due < today,
            "red_late": record.status != RecordStatus.DECIDED and record.red_due < today,
            "today": today,
            "conflict": conflict,
        },
        status=status,
    )


@require_safe
@login_required
def record(request, pk):
    return _render(request, _record_or_404(request.user, pk))


def _act(request, pk, *, name: str, perm: str, act, done: str):
    """The shape of every action: 404 out of reach, 403 without ``perm``, the
    form bound and checked (400), the service called (400, 409), back to the page."""
    record = _record_or_404(request.user, pk)
    if not request.user.has_perm(perm, record):
        raise PermissionDenied
    form = FORMS[name](request.POST, request.FILES, auto_id=f"{name}_%s") if name in FORMS else None
    if form is not None:
        form.name = name
    try:
        if form is not None and not form.is_valid():
            return _render(request, record, bound=form, status=400)
        act(record, form)
    except ValidationError as error:
        form.add_service_errors(error)
        return _render(request, record, bound=form, status=400)
    except ConflictError as error:
        return _render(request, _record_or_404(request.user, pk), conflict=str(error), status=409)
    messages.success(request, done % {"number": record.number})
    return redirect(record)


@require_POST
@login_required
def explain(request, pk):
    return _act(
        request,
        pk,
        name="explain",
        perm="accountability.explain_record",
        act=lambda record, form: services_records.record_explain(
            actor=request.user, record=record, explanation=form.cleaned_data["explanation"]
        ),
        done=_("Your explanation of %(number)s is with the supervisors."),
    )


@require_POST
@login_required
def appeal(request, pk):
    return _act(
        request,
        pk,
        name="appeal",
        perm="accountability.appeal_record",
        act=lambda record, form: services_records.appeal_file(
            actor=request.user,
            record=record,
            reasons=form.cleaned_data["reasons"],
            files=form.cleaned_data["files"],
        ),
        done=_("Your appeal against %(number)s is filed; a supervisor decides it."),
    )


@require_POST
@login_required
def appeal_decide(request, pk):
    return _act(
        request,
        pk,
        name="appeal_decide",
        perm="accountability.decide_appeal",
        act=lambda record, form: services_records.appeal_decide(
            actor=request.user, record=record, uphold=form.uphold, opinion=form.cleaned_data["opinion"]
        ),
        done=_("The appeal against %(number)s is decided."),
    )


@require_POST
@login_required
def decide(request, pk):
    return _act(
        request,
        pk,
        name="decide",
        perm="accountability.decide_record",
        act=lambda record, form: _decide(request, record, form, correcting=False),
        done=_("Record %(number)s is decided; the person is told."),
    )


@require_POST
@login_required
def correct(request, pk):
    return _act(
        request,
        pk,
        name="correct",
        perm="accountability.decide_record",
        act=lambda record, form: _decide(request, record, form, correcting=True),
        done=_("The decision on %(number)s is corrected; the person is told."),
    )


def _decide(request, record, form, *, correcting: bool):
    # A decision posted to the wrong form is a conflict: the page was out of date.
    if correcting != (record.status == RecordStatus.DECIDED):
        text = _("Record %(number)s is decided already: correct the decision instead.")
        if correcting:
            text = _("Record %(number)s is not decided yet.")
        raise ConflictError(text % {"number": record.number})
    return services_records.record_decide(actor=request.user, record=record, **form.service_fields())


@require_POST
@login_required
def acknowledge(request, pk):
    return _act(
        request,
        pk,
        name="acknowledge",
        perm="accountability.acknowledge_decision",
        act=lambda record, form: services_records.decision_acknowledge(actor=request.user, record=record),
        done=_("You have acknowledged the decision on %(number)s."),
    )


@require_safe
@login_required
def evidence(request, pk, evidence_pk):
    """An evidence file, to those who may read the record; never from a public URL."""
    record = _record_or_404(request.user, pk)
    item = next((item for item in record.evidence.all() if item.pk == evidence_pk), None)
    if item is None:
        raise Http404
    try:
        handle = item.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, filename=item.name)
    response["Cache-Control"] = "private, no-store"
    return response
