"""Rule 8 pages of the poor-rating loop (差评整改): the list of follow-ups (a
section chief's section, every section for supervisors) and one follow-up's
page with its rating, the rater's masked phone to call them back, and the
actions on it, each a POST of its own.

Every write goes through evaluation.services: a ValidationError lands on its
form (400), a ConflictError ("called back already") is an alert on the page as
it is now (409), a follow-up out of the user's reach is a 404 and an action
they may not take a 403."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from core import clock
from core.errors import ConflictError
from core.http import url_with
from core.masking import mask_phone
from core.paginator import IdsFirstPaginator
from deadlines.services import case_reveal_contact
from evaluation import selectors, services
from evaluation.forms_follow_up import (
    PENDING,
    AppealDecideForm,
    AppealForm,
    CallBackForm,
    FixForm,
    FollowUpFilter,
)
from evaluation.models import AppealStatus, FollowUpStatus
from org.permissions import permission_required
from org.predicates import is_supervisor

PAGE_SIZE = 50
FORMS = {"call_back": CallBackForm, "fix": FixForm, "appeal": AppealForm, "appeal_decide": AppealDecideForm}


def _cards(request, counts) -> list[dict]:
    """The list's counts, each a link filtering the list below it."""

    def card(label, key, tone="", **changes):
        return {
            "key": key,
            "label": label,
            "count": counts[key],
            "url": url_with(request, **changes),
            "tone": tone,
        }

    clear = {"status": None, "late": None, "appeal": None}
    return [
        card(FollowUpStatus.OPEN.label, "open", **{**clear, "status": FollowUpStatus.OPEN}),
        card(FollowUpStatus.CALLED.label, "called", **{**clear, "status": FollowUpStatus.CALLED}),
        card(_("Late"), "late", "late" if counts["late"] else "", **{**clear, "late": "true"}),
        card(FollowUpStatus.FIXED.label, "fixed", **{**clear, "status": FollowUpStatus.FIXED}),
        card(_("Appeals waiting"), "appealed", **{**clear, "appeal": AppealStatus.FILED}),
        card(_("All"), "total", **clear),
    ]


@require_safe
@permission_required("evaluation.view_follow_ups")
def follow_up_list(request):
    today = clock.localdate()
    scoped = selectors.follow_ups_for(request.user)
    filters = FollowUpFilter(
        request.GET or None, queryset=scoped, section_only=not is_supervisor(request.user)
    )
    page = IdsFirstPaginator(filters.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    for row in page.object_list:
        row.late = selectors.is_late(row, today)
    return render(
        request,
        "evaluation/follow_up_list.html",
        {
            "page": page,
            "filters": filters,
            "cards": _cards(request, selectors.follow_up_counts(scoped, today)),
            "status": request.GET.get("status", ""),
            "statuses": [(PENDING, _("To follow up (not fixed yet)")), *FollowUpStatus.choices],
            "late": request.GET.get("late") == "true",
            "today": today,
        },
    )


def _follow_up_or_404(user, pk):
    found = selectors.follow_up_for_page(user, pk)
    if found is None:
        raise Http404
    return found


def may(user, follow_up) -> dict[str, bool]:
    """Which of the page's forms this user is offered, by permission and the follow-up's state."""
    works = user.has_perm("evaluation.work_follow_up", follow_up)
    return {
        "call_back": works and follow_up.status == FollowUpStatus.OPEN,
        "fix": works and follow_up.status == FollowUpStatus.CALLED,
        "appeal": works and not follow_up.appeal_status,
        "appeal_decide": follow_up.appeal_status == AppealStatus.FILED
        and user.has_perm("evaluation.decide_rating_appeal", follow_up),
    }


def _render(request, follow_up, *, bound=None, conflict="", revealed=False, status=200):
    allowed = may(request.user, follow_up)
    forms = {
        name: (bound if bound is not None and bound.name == name else form_class(auto_id=f"{name}_%s"))
        for name, form_class in FORMS.items()
        if allowed[name]
    }
    rating, today = follow_up.rating, clock.localdate()
    case = rating.case
    return render(
        request,
        "evaluation/follow_up.html",
        {
            "follow_up": follow_up,
            "rating": rating,
            "case": case,
            "tags": list(rating.tags.all()),
            "forms": forms,
            "late": selectors.is_late(follow_up, today),
            "phone": case.applicant_phone if revealed else mask_phone(case.applicant_phone),
            "may_reveal": not revealed
            and bool(case.applicant_phone)
            and request.user.has_perm("deadlines.see_applicant_contact", case),
            "conflict": conflict,
        },
        status=status,
    )


@require_safe
@login_required
def follow_up(request, pk):
    return _render(request, _follow_up_or_404(request.user, pk))


@require_POST
@login_required
def reveal_contact(request, pk):
    """The page again with the applicant's full phone, to call them back; the sight is logged on the case."""
    follow_up = _follow_up_or_404(request.user, pk)
    case_reveal_contact(actor=request.user, case=follow_up.rating.case)
    return _render(request, follow_up, revealed=True)


def _act(request, pk, *, name: str, perm: str, act, done: str):
    """The shape of every action: 404 out of reach, 403 without ``perm``, the
    form bound and checked (400), the service called (400, 409), back to the page."""
    follow_up = _follow_up_or_404(request.user, pk)
    if not request.user.has_perm(perm, follow_up):
        raise PermissionDenied
    form = FORMS[name](request.POST, request.FILES, auto_id=f"{name}_%s")
    form.name = name
    try:
        if not form.is_valid():
            return _render(request, follow_up, bound=form, status=400)
        act(follow_up, form.cleaned_data, form)
    except ValidationError as error:
        form.add_service_errors(error)
        return _render(request, follow_up, bound=form, status=400)
    except ConflictError as error:
        return _render(request, _follow_up_or_404(request.user, pk), conflict=str(error), status=409)
    messages.success(request, done % {"number": follow_up.rating.case.number})
    return redirect(follow_up)


@require_POST
@login_required
def call_back(request, pk):
    return _act(
        request,
        pk,
        name="call_back",
        perm="evaluation.work_follow_up",
        act=lambda follow_up, data, form: services.follow_up_call_back(
            actor=request.user, follow_up=follow_up, note=data["note"]
        ),
        done=_("The call-back on the poor rating of %(number)s is recorded."),
    )


@require_POST
@login_required
def fix(request, pk):
    return _act(
        request,
        pk,
        name="fix",
        perm="evaluation.work_follow_up",
        act=lambda follow_up, data, form: services.follow_up_fix(
            actor=request.user, follow_up=follow_up, note=data["note"]
        ),
        done=_("The fix of the poor rating of %(number)s is recorded; the rater may grade it."),
    )


@require_POST
@login_required
def appeal(request, pk):
    return _act(
        request,
        pk,
        name="appeal",
        perm="evaluation.work_follow_up",
        act=lambda follow_up, data, form: services.follow_up_appeal(
            actor=request.user, follow_up=follow_up, reason=data["reason"], evidence=data.get("evidence")
        ),
        done=_("Your appeal against the rating of %(number)s is filed; a supervisor decides it."),
    )


@require_POST
@login_required
def appeal_decide(request, pk):
    return _act(
        request,
        pk,
        name="appeal_decide",
        perm="evaluation.decide_rating_appeal",
        act=lambda follow_up, data, form: services.follow_up_appeal_decide(
            actor=request.user, follow_up=follow_up, uphold=form.uphold, opinion=data["opinion"]
        ),
        done=_("The appeal against the rating of %(number)s is decided."),
    )


@require_safe
@login_required
def evidence(request, pk):
    """The appeal's evidence file, to those who may read the follow-up; never from a public URL."""
    follow_up = _follow_up_or_404(request.user, pk)
    if not follow_up.appeal_evidence:
        raise Http404
    try:
        handle = follow_up.appeal_evidence.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    name = follow_up.appeal_evidence.name.rsplit("/", 1)[-1]
    response = FileResponse(handle, as_attachment=True, filename=name)
    response["Cache-Control"] = "private, no-store"
    return response
