"""Rule 1's pages: the desk's intake form and staff search, the inquiry page
with its outcomes, my open inquiries, the transfer inbox, the register of
reports and complaints, and the section's inquiries.

Every write goes through inquiries.services: a ValidationError lands on the
form, a ConflictError ("not now") is a message on the page it came from.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from abpositions import cover
from abpositions.services_notes import notes_on
from core.http import query_without, safe_next, url_with
from core.navigation import related_action_url
from core.paginator import IdsFirstPaginator
from inquiries import search, selectors, services
from inquiries.filters import (
    STATUS_AWAITING,
    STATUS_OPEN,
    LoggedInquiryFilter,
    MyInquiryFilter,
    RegisterFilter,
    SectionInquiryFilter,
)
from inquiries.forms import OUTCOME_FORMS, IntakeForm, OpenCaseForm, ReferForm, TransferForm
from inquiries.models import AWAITING_OUTCOME_STATUSES, InquiryKind, InquiryStatus, Outcome
from org.permissions import permission_required
from org.predicates import is_supervisor, staff_of

PAGE_SIZE = 50


def _paginate(request, queryset):
    return IdsFirstPaginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def _inquiry_or_404(user, pk):
    """An inquiry the user may not view is not found, rather than forbidden."""
    inquiry = selectors.inquiry_for_page(user, pk)
    if inquiry is None:
        raise Http404
    return inquiry


def _section_scope(user):
    """(the section a chief sees, whether a supervisor may pick any)."""
    if is_supervisor(user):
        return None, True
    me = staff_of(user)
    if me is None:
        raise PermissionDenied
    return me.department, False


# --- The desk: logging an inquiry ------------------------------------------------


@permission_required("inquiries.log_inquiry")
def new(request):
    """Log a contact: the first responder follows from the staff asked (a tie is settled here)."""
    if request.method == "POST":
        form = IntakeForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                inquiry = services.inquiry_log(actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(
                    request,
                    _("Inquiry %(number)s logged; the first responder is %(name)s.")
                    % {"number": inquiry.number, "name": inquiry.first_responder.name},
                )
                return redirect("inquiries:detail", pk=inquiry.pk)
        form.fields["subject"].widget.attrs.pop("autofocus", None)
        if form.show_tie:
            form.tie_autofocus = True
        else:
            form.focus_first_error(default="subject")
    else:
        form = IntakeForm(user=request.user)
    return render(request, "inquiries/new.html", {"form": form})


@require_GET
@permission_required("inquiries.log_inquiry")
def staff_search(request):
    """Active staff by name or pinyin initials, for the intake form's "staff asked"."""
    hits = search.search_staff(request.GET.get("q", "")[:50])
    return JsonResponse([hit.as_json() for hit in hits], safe=False)


# --- One inquiry -----------------------------------------------------------------


def _render_detail(request, inquiry, *, bound=None, revealed=False):
    """The inquiry page; ``bound`` is a form posted back with its errors, shown in place of its blank one.
    The visitor's contact is masked unless ``revealed`` (reveal_contact, which logs it)."""
    user = request.user
    may_record = user.has_perm("inquiries.record_outcome", inquiry)
    can_record = inquiry.status in AWAITING_OUTCOME_STATUSES and may_record
    forms = {}
    if can_record:
        forms = {
            "handled": OUTCOME_FORMS["handled"](),
            "refer": ReferForm(inquiry=inquiry),
            "external": OUTCOME_FORMS["external"](),
        }
        # A transfer is the first responder's outcome; a handler who took one over records what became of it.
        if inquiry.status == InquiryStatus.OPEN:
            forms["transfer"] = TransferForm(inquiry=inquiry)
    can_open_case = (
        may_record
        and inquiry.service_item_id is not None
        and services.case_may_be_opened(inquiry)
        and user.has_perm("deadlines.open_case")
    )
    case_form = OpenCaseForm(inquiry=inquiry, user=user) if can_open_case else None
    active = "handled"
    if bound is not None:
        if isinstance(bound, OpenCaseForm):
            case_form = bound
        else:
            forms[bound.outcome] = bound
            active = bound.outcome
        bound.focus_first_error()
    elif can_record and (
        inquiry.created_by_id == user.pk or inquiry.owner_id == getattr(staff_of(user), "pk", None)
    ):
        # The one with the visitor in front of them: the note is where they type next.
        forms["handled"].fields["note"].widget.attrs["autofocus"] = True
    transfer = getattr(inquiry, "transfer", None)
    asked = list(inquiry.asked.all())
    covering = services.covered_holder(user, inquiry.owner)
    return render(
        request,
        "inquiries/detail.html",
        {
            "inquiry": inquiry,
            "contact": selectors.visitor_contact(inquiry, revealed=revealed),
            "may_reveal_contact": not revealed and user.has_perm("inquiries.see_visitor_contact", inquiry),
            "asked": asked,
            "transfer": transfer,
            "alerts": list(inquiry.alerts.all()),
            "can_record": can_record,
            "forms": forms,
            "active": active,
            # Rule 5 offers the notice through its card on this page; "" without it.
            "notice_url": related_action_url(request, inquiry),
            "case_form": case_form,
            "can_acknowledge": transfer is not None
            and transfer.acknowledged_at is None
            and user.has_perm("inquiries.acknowledge_transfer", transfer),
            "today": timezone.localdate(),
            "covering": covering,
            "cover_notes": notes_on(inquiry) if covering else [],
        },
    )


@require_POST
@login_required
def cover_note(request, pk):
    """B notes what they could not handle for A on A's inquiry, for the handover."""
    inquiry = _inquiry_to_answer(request, pk)
    try:
        services.inquiry_cover_note_add(
            actor=request.user, inquiry=inquiry, text=request.POST.get("text", "")
        )
    except services.ConflictError as error:
        messages.error(request, str(error))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Note kept for %(holder)s's handover.") % {"holder": inquiry.owner})
    return redirect("inquiries:detail", pk=inquiry.pk)


@login_required
def detail(request, pk):
    return _render_detail(request, _inquiry_or_404(request.user, pk))


@require_POST
@login_required
def reveal_contact(request, pk):
    """The page again with the visitor's full phone and ID number, for who deals with
    them; the sight is logged."""
    inquiry = _inquiry_or_404(request.user, pk)
    services.inquiry_reveal_contact(actor=request.user, inquiry=inquiry)
    return _render_detail(request, inquiry, revealed=True)


def _inquiry_to_answer(request, pk):
    inquiry = _inquiry_or_404(request.user, pk)
    if not request.user.has_perm("inquiries.record_outcome", inquiry):
        raise PermissionDenied
    return inquiry


def _outcome_message(inquiry) -> str:
    params = {"number": inquiry.number}
    if inquiry.outcome == Outcome.TRANSFER:
        params["name"] = inquiry.transfer.to.name
        params["date"] = inquiry.transfer.acknowledge_by.isoformat()
        return _("Inquiry %(number)s transferred to %(name)s, who acknowledges it by %(date)s.") % params
    if inquiry.outcome == Outcome.REFER:
        department = inquiry.refer_department
        params["section"] = department.name
        params["phone"] = department.public_phone or "—"
        params["room"] = department.room or "—"
        return _("Inquiry %(number)s referred to %(section)s (phone %(phone)s, room %(room)s).") % params
    return _("Outcome recorded for inquiry %(number)s: %(outcome)s.") % {
        **params,
        "outcome": inquiry.get_outcome_display(),
    }


@require_POST
@login_required
def record_outcome(request, pk):
    inquiry = _inquiry_to_answer(request, pk)
    outcome = request.POST.get("outcome", "")
    form_class = OUTCOME_FORMS.get(outcome)
    if form_class is None:
        messages.error(request, _("Choose one of the outcomes."))
        return redirect("inquiries:detail", pk=inquiry.pk)
    if inquiry.status not in AWAITING_OUTCOME_STATUSES:
        messages.error(request, _("An outcome has been recorded for this inquiry already."))
        return redirect("inquiries:detail", pk=inquiry.pk)
    if form_class in (TransferForm, ReferForm):
        form = form_class(request.POST, inquiry=inquiry)
    else:
        form = form_class(request.POST)
    if form.is_valid():
        try:
            inquiry = services.inquiry_record_outcome(
                actor=request.user, inquiry=inquiry, outcome=outcome, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_service_errors(error)
        except services.ConflictError as error:
            messages.error(request, str(error))
            return redirect("inquiries:detail", pk=inquiry.pk)
        else:
            messages.success(request, _outcome_message(inquiry))
            return redirect("inquiries:detail", pk=inquiry.pk)
    return _render_detail(request, inquiry, bound=form)


@require_POST
@login_required
def open_case(request, pk):
    """An application accepted: the case is opened and the inquiry closed."""
    inquiry = _inquiry_to_answer(request, pk)
    if not request.user.has_perm("deadlines.open_case"):
        raise PermissionDenied
    if inquiry.kind != InquiryKind.APPLICATION or inquiry.service_item_id is None:
        messages.error(request, _("Only an application for a service item becomes a case."))
        return redirect("inquiries:detail", pk=inquiry.pk)
    if not services.case_may_be_opened(inquiry):
        messages.error(request, _("A case has been opened for this inquiry already, or it is closed."))
        return redirect("inquiries:detail", pk=inquiry.pk)
    form = OpenCaseForm(request.POST, inquiry=inquiry, user=request.user)
    if form.is_valid():
        try:
            case = services.inquiry_open_case(actor=request.user, inquiry=inquiry, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_errors(error)
        except services.ConflictError as error:
            messages.error(request, str(error))
            return redirect("inquiries:detail", pk=inquiry.pk)
        else:
            messages.success(
                request,
                _("Case %(case)s opened from inquiry %(number)s; it is due on %(due)s.")
                % {"case": case.number, "number": inquiry.number, "due": case.due_date.isoformat()},
            )
            return redirect(reverse("cases:detail", args=[case.pk]))
    return _render_detail(request, inquiry, bound=form)


# --- My open inquiries -----------------------------------------------------------


@login_required
def mine(request):
    """What I answer for as first responder, the oldest first; what I logged on a second tab."""
    user = request.user
    me = staff_of(user)
    if not (user.has_perm("inquiries.log_inquiry") or selectors.answers_for_inquiries(me)):
        raise PermissionDenied
    show = request.GET.get("show")
    if show not in ("open", "logged"):
        show = "open"
    covered = cover.covered_holders(me) if me is not None else ()
    if show == "logged":
        inquiries = selectors.inquiries_logged_by(user)
    elif me is None:
        inquiries = selectors.inquiries_logged_by(user).none()
    else:
        inquiries = selectors.my_open_inquiry_list(me, covered)
    filter_class = LoggedInquiryFilter if show == "logged" else MyInquiryFilter
    inquiry_filter = filter_class(request.GET, queryset=inquiries)
    return render(
        request,
        "inquiries/mine.html",
        {
            "show": show,
            "filter": inquiry_filter,
            "page": _paginate(request, inquiry_filter.qs),
            "cards": _my_cards(request, selectors.my_counts(me, covered)) if me is not None else [],
            "today": timezone.localdate(),
            "covering_me": me.pk if me is not None else None,
        },
    )


def _my_cards(request, counts) -> list:
    """Awaiting my outcome, waiting for acknowledgement, with a notice, flagged: each a link to its list."""
    url = f"{request.path}?show=open&"
    return [
        {
            "label": _("Awaiting my outcome"),
            "count": counts["open"],
            "icon": "hourglass-split",
            "tone": "warn" if counts["open"] else "",
            "url": f"{url}status={STATUS_AWAITING}",
        },
        {
            "label": _("Waiting for acknowledgement"),
            "count": counts["transferred"],
            "icon": "arrow-left-right",
            "tone": "",
            "url": f"{url}status={InquiryStatus.TRANSFERRED}",
        },
        {
            "label": _("With a one-time notice"),
            "count": counts["notice"],
            "icon": "file-earmark-text",
            "tone": "",
            "url": f"{url}status={InquiryStatus.NOTICE}",
        },
        {
            "label": _("Flagged"),
            "count": counts["flagged"],
            "icon": "flag",
            "tone": "late" if counts["flagged"] else "ok",
            "url": f"{url}flagged=true",
        },
    ]


# --- The transfer inbox ----------------------------------------------------------


@login_required
def transfers(request):
    """Transfers to me waiting for acknowledgement, the earliest due first; then
    the recently acknowledged: to me (marked when a cover did it for me), and
    those I acknowledged covering for another (marked 代岗)."""
    if not request.user.has_perm("inquiries.view_transfers"):
        raise PermissionDenied
    me = staff_of(request.user)
    covered = cover.covered_holders(me)
    return render(
        request,
        "inquiries/transfers.html",
        {
            "waiting": list(selectors.transfers_to_acknowledge(me, covered)),
            "covering_me": me.pk if me is not None else None,
            "acknowledged": selectors.acknowledged_transfers(me),
            "today": timezone.localdate(),
        },
    )


@require_POST
@login_required
def acknowledge(request, pk):
    transfer = selectors.transfer_for(request.user, pk)
    if transfer is None:
        raise Http404
    if not request.user.has_perm("inquiries.acknowledge_transfer", transfer):
        raise PermissionDenied
    try:
        services.transfer_acknowledge(actor=request.user, transfer=transfer)
    except services.ConflictError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Transfer of inquiry %(number)s acknowledged: it is yours now, until you record its outcome.")
            % {"number": transfer.inquiry.number},
        )
    return redirect(safe_next(request, reverse("inquiries:transfers")))


# --- The register of reports and complaints -----------------------------------------


@permission_required("inquiries.view_register")
def register(request):
    """Reports and complaints (登记在册): the matter, the reporter and their
    contact, masked as in every list (the full number is on the inquiry's page)."""
    department, may_pick = _section_scope(request.user)
    register_filter = RegisterFilter(
        request.GET, queryset=selectors.register_list(department), may_pick_section=may_pick
    )
    if may_pick and register_filter.form.is_valid():
        department = register_filter.form.cleaned_data.get("department")
    page = _paginate(request, register_filter.qs)
    counts = selectors.register_counts(
        RegisterFilter(
            query_without(request.GET, "status"), queryset=register_filter.queryset, may_pick_section=may_pick
        ).qs
    )
    cards = [
        {
            "label": _("Registered"),
            "count": counts["total"],
            "icon": "journal-bookmark",
            "tone": "",
            "url": url_with(request, status=None),
        },
        {
            "label": _("Not closed"),
            "count": counts["open"],
            "icon": "hourglass-split",
            "tone": "warn" if counts["open"] else "",
            "url": url_with(request, status=STATUS_OPEN),
        },
        {
            "label": _("Flagged"),
            "count": counts["flagged"],
            "icon": "flag",
            "tone": "late" if counts["flagged"] else "ok",
            "url": None,
        },
        {
            "label": _("Closed"),
            "count": counts["closed"],
            "icon": "check2-circle",
            "tone": "ok",
            "url": url_with(request, status=InquiryStatus.CLOSED),
        },
    ]
    return render(
        request,
        "inquiries/register.html",
        {
            "filter": register_filter,
            "department": department,
            "may_pick": may_pick,
            "page": page,
            "cards": cards,
        },
    )


# --- The section's inquiries ---------------------------------------------------------


@permission_required("inquiries.view_section_inquiries")
def section(request):
    """A section chief's inquiries of their section (a supervisor's: any section's), newest first."""
    department, may_pick = _section_scope(request.user)
    inquiries = selectors.section_inquiry_list(department)
    inquiry_filter = SectionInquiryFilter(
        request.GET, queryset=inquiries, department=department, may_pick_section=may_pick
    )
    if may_pick and inquiry_filter.form.is_valid():
        department = inquiry_filter.form.cleaned_data.get("department")
    # The cards count under every filter but the status and the flag, so each keeps its number.
    card_inquiries = SectionInquiryFilter(
        query_without(request.GET, "status", "flagged"),
        queryset=inquiries,
        department=department,
        may_pick_section=may_pick,
    ).qs
    counts = selectors.section_counts(card_inquiries)
    cards = [
        {
            "label": _("Awaiting an outcome"),
            "count": counts["open"],
            "icon": "hourglass-split",
            "tone": "warn" if counts["open"] else "",
            "url": url_with(request, status=InquiryStatus.OPEN, flagged=None),
        },
        {
            "label": _("Flagged"),
            "count": counts["flagged"],
            "icon": "flag",
            "tone": "late" if counts["flagged"] else "ok",
            "url": url_with(request, status=None, flagged="true"),
        },
        {
            "label": _("Transferred, not acknowledged"),
            "count": counts["transferred"],
            "icon": "arrow-left-right",
            "tone": "",
            "url": url_with(request, status=InquiryStatus.TRANSFERRED, flagged=None),
        },
        {
            "label": _("Closed this month"),
            "count": counts["closed_this_month"],
            "icon": "check2-circle",
            "tone": "ok",
            "url": None,
        },
    ]
    return render(
        request,
        "inquiries/section.html",
        {
            "filter": inquiry_filter,
            "department": department,
            "may_pick": may_pick,
            "cards": cards,
            "page": _paginate(request, inquiry_filter.qs),
        },
    )
