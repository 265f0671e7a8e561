"""Rule 5's pages: the notices list, issuing a notice, the notice page with its
visits, the printable notice and its PDF.

Every write goes through notifications.services: a ValidationError lands on
the form, a ConflictError ("not now") is a message on the page it came from.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.paginator import IdsFirstPaginator
from core.paper import sheet_pdf
from deadlines.selectors import case_for_page, intake_items
from inquiries.selectors import inquiry_for
from notifications import selectors, services
from notifications.forms import NoticeIssueForm, NoticeListFilter, NoticeOpenCaseForm, NoticeVisitForm
from notifications.models import NoticeKind, NoticeStatus
from notifications.paper import paper_of
from org.permissions import permission_required
from org.predicates import staff_of

PAGE_SIZE = 50


def _pk(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _notice_or_404(user, pk):
    """A notice the user may not view is not found, rather than forbidden."""
    notice = selectors.notice_for_page(user, pk)
    if notice is None:
        raise Http404
    return notice


# --- The list ----------------------------------------------------------------------


@permission_required("notifications.list_notices")
def notice_list(request):
    notices = selectors.notices_visible_to(request.user)
    notice_filter = NoticeListFilter(request.GET, queryset=notices)
    rows = selectors.with_outstanding(notice_filter.qs)
    page = IdsFirstPaginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    counts = selectors.notice_counts(notices)
    cards = [
        {
            "label": _("Waiting for materials"),
            "count": counts["open"],
            "icon": "hourglass-split",
            "tone": "warn" if counts["open"] else "",
            "url": f"?status={NoticeStatus.OPEN}",
        },
        {
            "label": _("Materials complete"),
            "count": counts["complete"],
            "icon": "check2-circle",
            "tone": "ok",
            "url": f"?status={NoticeStatus.COMPLETE}",
        },
        {
            "label": _("Cannot be accepted"),
            "count": counts["not_acceptable"],
            "icon": "slash-circle",
            "tone": "",
            "url": f"?kind={NoticeKind.NOT_ACCEPTABLE}",
        },
        {
            "label": _("With a notice failure"),
            "count": counts["failures"],
            "icon": "exclamation-triangle",
            "tone": "late" if counts["failures"] else "ok",
            "url": "?failed=true",
        },
    ]
    return render(
        request,
        "notifications/list.html",
        {
            "filter": notice_filter,
            "page": page,
            "cards": cards,
            "may_issue": request.user.has_perm("notifications.issue_notice"),
        },
    )


# --- Issuing a notice ----------------------------------------------------------------


def _source(request):
    """The inquiry or case named in the query or the form, or (None, None)."""
    params = request.POST if request.method == "POST" else request.GET
    if params.get("inquiry"):
        inquiry = inquiry_for(request.user, _pk(params["inquiry"])) if _pk(params["inquiry"]) else None
        if inquiry is None:
            raise Http404
        if not request.user.has_perm("inquiries.record_outcome", inquiry):
            raise PermissionDenied
        return inquiry, None
    if params.get("case"):
        case = case_for_page(request.user, _pk(params["case"])) if _pk(params["case"]) else None
        if case is None:
            raise Http404
        if not request.user.has_perm("deadlines.work_case", case):
            raise PermissionDenied
        return None, case
    return None, None


def _service_item(request, inquiry, case):
    if case is not None:
        return case.service_item
    params = request.POST if request.method == "POST" else request.GET
    chosen = _pk(params.get("service_item"))
    if chosen is not None:
        return intake_items().filter(pk=chosen).first()
    return inquiry.service_item if inquiry.service_item_id else None


@permission_required("notifications.issue_notice")
def new(request):
    """Issue a notice from an inquiry or a case: the item's materials, those
    brought ticked; or the reason and rule when it cannot be accepted."""
    inquiry, case = _source(request)
    if inquiry is None and case is None:
        inquiries, cases = selectors.notice_sources(staff_of(request.user))
        return render(request, "notifications/new_source.html", {"inquiries": inquiries, "cases": cases})
    item = _service_item(request, inquiry, case)
    context = {"inquiry": inquiry, "case": case, "item": item, "items": intake_items()}
    if item is None or item.current_id is None:
        if case is not None:
            raise Http404  # a leader's instruction lists no materials
        return render(request, "notifications/new.html", context)
    version = item.current
    form = NoticeIssueForm(request.POST if request.method == "POST" else None, version=version)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            notice = services.notice_issue(
                actor=request.user,
                service_item=item,
                inquiry=inquiry,
                case=case,
                kind=data["kind"],
                brought_material_ids=[material.pk for material in data["brought"]],
                not_applicable=form.not_applicable_reasons(),
                reason=data["reason"],
                rule=data["rule"],
                note=data["note"],
            )
        except ValidationError as error:
            form.add_service_errors(error)
        except services.ConflictError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("One-time notice %(number)s issued. Print it for the visitor.") % {"number": notice.number},
            )
            return redirect("notices:detail", pk=notice.pk)
    checked = {str(value) for value in form["brought"].value() or ()}
    not_applicable = {str(value) for value in form["not_applicable"].value() or ()}
    materials = list(version.materials.all())
    for material in materials:
        material.checked = str(material.pk) in checked
        material.not_applicable = str(material.pk) in not_applicable
        material.reason = form.reason_of(material)
    return render(
        request,
        "notifications/new.html",
        {**context, "version": version, "form": form, "materials": materials},
    )


# --- One notice -----------------------------------------------------------------------


def _visit_form(request, notice, data=None):
    return NoticeVisitForm(
        data,
        outstanding=selectors.outstanding_materials(notice),
        unlisted=selectors.unlisted_materials(notice),
        may_override=request.user.has_perm("notifications.override_notice", notice),
    )


def _render_detail(request, notice, *, visit_form=None, case_form=None, revealed=False):
    """The notice page; the visitor's phone is masked unless ``revealed`` (reveal_contact, which logs it)."""
    user = request.user
    can_visit = notice.status == NoticeStatus.OPEN and user.has_perm("notifications.record_visit", notice)
    if can_visit and visit_form is None:
        visit_form = _visit_form(request, notice)
    can_open_case = selectors.may_open_case(user, notice)
    if can_open_case and case_form is None:
        case_form = NoticeOpenCaseForm(notice=notice, user=request.user)
    materials = list(notice.materials.all())
    return render(
        request,
        "notifications/detail.html",
        {
            "notice": notice,
            "version": notice.item_version,
            "visitor_phone": selectors.visitor_phone(notice, revealed=revealed),
            "may_reveal_contact": not revealed
            and bool(notice.visitor_phone)
            and user.has_perm("notifications.see_visitor_contact", notice),
            "materials": materials,
            "missing": [row for row in materials if row.missing],
            "visits": list(notice.visits.all()),
            "failures": list(notice.failures.all()),
            "can_visit": can_visit,
            "may_override": can_visit and user.has_perm("notifications.override_notice", notice),
            "visit_form": visit_form if can_visit else None,
            "can_open_case": can_open_case,
            "case_form": case_form if can_open_case else None,
            "may_view_inquiry": notice.inquiry_id is not None
            and user.has_perm("inquiries.view_inquiry", notice.inquiry),
            "may_view_case": notice.case_id is not None and user.has_perm("deadlines.view_case", notice.case),
            "revised": notice.service_item.current_id != notice.item_version_id,
        },
    )


@login_required
def detail(request, pk):
    return _render_detail(request, _notice_or_404(request.user, pk))


@require_POST
@login_required
def reveal_contact(request, pk):
    """The page again with the visitor's full phone, for who deals with the visitor; the sight is logged."""
    notice = _notice_or_404(request.user, pk)
    services.notice_reveal_contact(actor=request.user, notice=notice)
    return _render_detail(request, notice, revealed=True)


@require_POST
@login_required
def visit(request, pk):
    notice = _notice_or_404(request.user, pk)
    if not request.user.has_perm("notifications.record_visit", notice):
        raise PermissionDenied
    if notice.status != NoticeStatus.OPEN:
        messages.error(
            request,
            _("Notice %(number)s is %(status)s: no visit can be recorded on it.")
            % {"number": notice.number, "status": notice.get_status_display()},
        )
        return redirect("notices:detail", pk=notice.pk)
    form = _visit_form(request, notice, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            recorded = services.notice_record_visit(
                actor=request.user,
                notice=notice,
                brought_ids=[material.pk for material in data["brought"]],
                not_applicable=form.not_applicable_reasons(),
                demanded=form.demands(),
                override_reason=data.get("override_reason", ""),
                note=data["note"],
            )
        except ValidationError as error:
            form.add_service_errors(error)
        except services.ConflictError as error:
            messages.error(request, str(error))
            return redirect("notices:detail", pk=notice.pk)
        else:
            if recorded.complete:
                text = _("Visit recorded: the materials of notice %(number)s are complete.")
            else:
                text = _("Visit recorded on notice %(number)s.")
            messages.success(request, text % {"number": notice.number})
            if recorded.failures.exists():
                messages.warning(
                    request,
                    _("The override is recorded as a notice failure against %(name)s.")
                    % {"name": notice.issued_by.name},
                )
            return redirect("notices:detail", pk=notice.pk)
    return _render_detail(request, notice, visit_form=form)


@require_POST
@login_required
def open_case(request, pk):
    notice = _notice_or_404(request.user, pk)
    if not selectors.may_open_case(request.user, notice):
        if notice.case_id is not None or notice.status != NoticeStatus.COMPLETE:
            messages.error(
                request, _("A case cannot be opened from notice %(number)s now.") % {"number": notice.number}
            )
            return redirect("notices:detail", pk=notice.pk)
        raise PermissionDenied
    form = NoticeOpenCaseForm(request.POST, notice=notice, user=request.user)
    if form.is_valid():
        try:
            case = services.notice_open_case(actor=request.user, notice=notice, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_errors(error)
        except services.ConflictError as error:
            messages.error(request, str(error))
            return redirect("notices:detail", pk=notice.pk)
        else:
            messages.success(
                request,
                _("Case %(number)s received from notice %(notice)s.")
                % {"number": case.number, "notice": notice.number},
            )
            return redirect("cases:receipt", pk=case.pk)
    return _render_detail(request, notice, case_form=form)


# --- On paper ---------------------------------------------------------------------------


@login_required
def print_view(request, pk):
    """The notice as the visitor gets it, for the browser to print on A4."""
    notice = _notice_or_404(request.user, pk)
    return render(request, "notifications/print.html", {"notice": notice, "sheet": paper_of(notice)})


@login_required
def pdf(request, pk):
    notice = _notice_or_404(request.user, pk)
    response = HttpResponse(sheet_pdf(paper_of(notice)), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{notice.number}.pdf"'
    return response
