"""The breach register (违诺登记) pages: list, record, detail, decide, evidence."""

from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from commitments import services
from commitments.filters import BreachListFilter
from commitments.forms_breaches import BreachDecisionForm, BreachForm
from commitments.models import Breach, BreachOutcome
from commitments.selectors_breaches import breaches_visible_to, outcome_counts
from core.http import query_without, url_with
from core.paginator import IdsFirstPaginator
from org.permissions import permission_required

PAGE_SIZE = 30
# How each outcome looks on a stat card: (tone, icon).
OUTCOME_LOOK = {
    BreachOutcome.PENDING: ("warn", "hourglass-split"),
    BreachOutcome.CRITICISM: ("", "chat-square-text"),
    BreachOutcome.ACCOUNTABILITY: ("late", "arrow-up-right-square"),
    BreachOutcome.DISMISSED: ("ok", "check2-circle"),
}
# Shown in the browser; anything else is offered as a download.
INLINE_EVIDENCE = {".pdf", ".jpg", ".jpeg", ".png"}


def _visible_breach_or_404(user, pk) -> Breach:
    """Someone else's section's breach is not found, rather than forbidden."""
    breach = breaches_visible_to(user).filter(pk=pk).first()
    if breach is None or not user.has_perm("commitments.view_breach", breach):
        raise Http404
    return breach


@permission_required("commitments.list_breaches")
def breach_list(request):
    visible = breaches_visible_to(request.user)
    breach_filter = BreachListFilter(request.GET, queryset=visible, user=request.user)
    # The cards count every outcome under the other filters, so that each
    # card still shows its number while one outcome is picked.
    other_filters = query_without(request.GET, "outcome")
    counts = outcome_counts(BreachListFilter(other_filters, queryset=visible, user=request.user).qs)
    picked = request.GET.get("outcome")
    cards = [
        {
            "value": outcome.value,
            "label": outcome.label,
            "count": counts[outcome.value],
            "tone": OUTCOME_LOOK[outcome][0],
            "icon": OUTCOME_LOOK[outcome][1],
            # A picked card shows that outcome; clicking it again shows them all.
            "url": url_with(request, outcome=None if picked == outcome.value else outcome.value),
            "hint": _("Shown below; click to show all") if picked == outcome.value else "",
        }
        for outcome in BreachOutcome
    ]
    page = IdsFirstPaginator(breach_filter.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "commitments/breaches/list.html",
        {"filter": breach_filter, "page": page, "cards": cards},
    )


@permission_required("commitments.list_breaches")
def breach_new(request):
    if request.method == "POST":
        form = BreachForm(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            try:
                breach = services.breach_record(actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The breach has been recorded."))
                return redirect("breaches:detail", pk=breach.pk)
    else:
        form = BreachForm(user=request.user)
    return render(request, "commitments/breaches/new.html", {"form": form})


def _render_detail(request, breach, decision_form=None):
    can_decide = breach.outcome == BreachOutcome.PENDING and request.user.has_perm(
        "commitments.decide_breach", breach
    )
    if can_decide and decision_form is None:
        decision_form = BreachDecisionForm()
    return render(
        request,
        "commitments/breaches/detail.html",
        {
            "breach": breach,
            "can_decide": can_decide,
            "decision_form": decision_form,
            "evidence_name": Path(breach.evidence_file.name).name if breach.evidence_file else "",
        },
    )


@login_required
def breach_detail(request, pk):
    return _render_detail(request, _visible_breach_or_404(request.user, pk))


@require_POST
@login_required
def breach_decide(request, pk):
    breach = _visible_breach_or_404(request.user, pk)
    if not request.user.has_perm("commitments.decide_breach", breach):
        raise PermissionDenied
    form = BreachDecisionForm(request.POST)
    if form.is_valid():
        try:
            services.breach_decide(
                actor=request.user,
                breach=breach,
                outcome=form.cleaned_data["outcome"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        except services.ConflictError as error:
            messages.error(
                request, _("%(reason)s Nothing was changed; the decision below stands.") % {"reason": error}
            )
            return redirect("breaches:detail", pk=breach.pk)
        else:
            messages.success(request, _("The decision has been recorded."))
            return redirect("breaches:detail", pk=breach.pk)
    return _render_detail(request, breach, decision_form=form)


@login_required
def breach_evidence(request, pk):
    """The evidence file, to those who may see the breach; never from a public URL."""
    breach = _visible_breach_or_404(request.user, pk)
    if not breach.evidence_file:
        raise Http404
    try:
        handle = breach.evidence_file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    filename = Path(breach.evidence_file.name).name
    response = FileResponse(
        handle, as_attachment=Path(filename).suffix.lower() not in INLINE_EVIDENCE, filename=filename
    )
    response["Cache-Control"] = "private, no-store"
    return response
