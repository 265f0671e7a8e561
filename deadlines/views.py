"""Rule 2's pages: my cases, receiving a case, the case page and its receipt,
the section's cases with the extension queue, and the supervisor's overdue board.

Every write goes through deadlines.services: a ValidationError lands on the
form, a ConflictError ("not now") is a message on the page it came from.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST, require_safe

from abpositions import cover
from abpositions.services_notes import notes_on
from core.http import query_without, safe_next, url_with
from core.paginator import IdsFirstPaginator
from core.paper import sheet_pdf
from deadlines import selectors, services
from deadlines.forms import (
    STATUS_OPEN,
    CaseOpenForm,
    ExtensionDecisionForm,
    ExtensionRequestForm,
    InstructionForm,
    SectionCaseFilter,
    WithdrawForm,
)
from deadlines.models import Case, CaseKind, CaseStatus, ExtensionStatus
from deadlines.paper import receipt_of
from org.permissions import permission_required
from org.predicates import is_front_desk, is_handler, is_section_chief, is_supervisor, staff_of

PAGE_SIZE = 50


def _paginate(request, queryset):
    page = IdsFirstPaginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = selectors.with_working_days_left(page.object_list)
    return page


def _case_or_404(user, pk):
    """A case the user may not view is not found, rather than forbidden."""
    case = selectors.case_for_page(user, pk)
    if case is None:
        raise Http404
    return case


def _case_to_work_on(user, pk):
    case = _case_or_404(user, pk)
    if not user.has_perm("deadlines.work_case", case):
        raise PermissionDenied
    return case


# --- My cases ------------------------------------------------------------------


@login_required
def mine(request):
    """The handler's open cases, due soon first; done ones and those received at the desk on tabs."""
    me = staff_of(request.user)
    if not (request.user.has_perm("deadlines.open_case") or selectors.handles_cases(me)):
        raise PermissionDenied
    show = request.GET.get("show")
    if show not in ("open", "done", "received"):
        # The front desk hands cases on: what it received is its list.
        desk_only = is_front_desk(request.user) and not (
            is_handler(request.user) or is_section_chief(request.user)
        )
        show = "received" if desk_only else "open"
    covered = cover.covered_holders(me) if me is not None else ()
    if show == "received":
        cases = selectors.cases_received_by(request.user)
    elif me is None:
        cases = Case.objects.none()
    elif show == "done":
        cases = selectors.my_closed_cases(me)
    else:
        cases = selectors.my_open_cases(me, covered)
    # The open tab narrowed as its cards (and the home's) count: due today, or overdue.
    narrowed = ""
    if show == "open":
        if request.GET.get("due") == "today":
            cases, narrowed = cases.filter(due_date=timezone.localdate()), "due_today"
        elif request.GET.get("overdue") == "true":
            cases, narrowed = cases.filter(overdue=True), "overdue"
    return render(
        request,
        "deadlines/mine.html",
        {
            "show": show,
            "narrowed": narrowed,
            "page": _paginate(request, cases),
            "counts": selectors.handler_counts(me, covered) if me and show != "received" else None,
            "today": timezone.localdate(),
            "covering_me": me.pk if me is not None else None,
            "covered_ids": [holder.pk for holder in covered],
        },
    )


# --- Receiving cases -----------------------------------------------------------


@permission_required("deadlines.open_case")
def new(request):
    """Receive an application; the receipt follows with the computed due date."""
    if request.method == "POST":
        form = CaseOpenForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                case = services.case_open(actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                if case.handled_at_once:
                    text = _("Case %(number)s received and handled at once.")
                else:
                    text = _("Case %(number)s received; it is due on %(due)s.")
                messages.success(request, text % {"number": case.number, "due": case.due_date.isoformat()})
                return redirect("cases:receipt", pk=case.pk)
    else:
        form = CaseOpenForm(user=request.user)
    return render(request, "deadlines/new.html", {"form": form})


@login_required
def new_instruction(request):
    """A leader's instruction, recorded by a section chief (for their section) or a supervisor."""
    if not (is_section_chief(request.user) or is_supervisor(request.user)):
        raise PermissionDenied
    if request.method == "POST":
        form = InstructionForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                data = {key: value for key, value in form.cleaned_data.items() if key != "rest_day_confirmed"}
                case = services.case_open_instruction(actor=request.user, **data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("Instruction recorded as case %(number)s, due on %(due)s.")
                    % {"number": case.number, "due": case.due_date.isoformat()},
                )
                return redirect("cases:detail", pk=case.pk)
    else:
        form = InstructionForm(user=request.user)
    return render(request, "deadlines/new_instruction.html", {"form": form})


# --- One case ------------------------------------------------------------------


def _render_detail(request, case, *, extension_form=None, withdraw_form=None, revealed=False):
    """The case page; the applicant's phone is masked unless ``revealed`` (reveal_contact, which logs it)."""
    user = request.user
    selectors.with_working_days_left([case])
    extensions = list(case.extensions.all())
    pending = next((e for e in extensions if e.status == ExtensionStatus.PENDING), None)
    can_work = case.is_open and user.has_perm("deadlines.work_case", case)
    allowance = selectors.extension_allowance(case)
    can_request = can_work and pending is None and allowance.remaining > 0
    if can_request and extension_form is None:
        extension_form = ExtensionRequestForm(
            remaining=allowance.remaining, applicant_told=bool(case.applicant_phone)
        )
    if can_work and withdraw_form is None:
        withdraw_form = WithdrawForm()
    covering, consent_needed = _cover_of(user, case) if can_work else (None, None)
    return render(
        request,
        "deadlines/detail.html",
        {
            "case": case,
            "applicant_phone": selectors.applicant_phone(case, revealed=revealed),
            "may_reveal_contact": not revealed
            and bool(case.applicant_phone)
            and user.has_perm("deadlines.see_applicant_contact", case),
            "extensions": extensions,
            "pending": pending,
            "can_decide": pending is not None and user.has_perm("deadlines.decide_extension", pending),
            "can_work": can_work,
            "can_start": can_work and case.status == CaseStatus.RECEIVED,
            "can_request": can_request,
            "extension_cap": allowance.cap,
            "extension_granted": allowance.granted,
            "extension_remaining": allowance.remaining,
            "extension_form": extension_form,
            "withdraw_form": withdraw_form,
            "escalations": list(case.escalations.all()),
            "today": timezone.localdate(),
            "covering": covering,
            "consent_needed": consent_needed,
            "cover_notes": notes_on(case) if covering else [],
        },
    )


def _cover_of(user, case):
    """Rule 4 on the case page: the handler the user acts for (代岗), and the
    refusal that waits for the chief's consent on an urgent case, if any."""
    holder = services.covered_holder(user, case)
    if holder is None:
        return None, None
    try:
        services.acting_for(user, case)
    except services.ConsentNeeded as refusal:
        return holder, refusal
    return holder, None


@require_POST
@login_required
def cover_note(request, pk):
    """B notes what they could not handle for A on A's case, for the handover."""
    case = _case_to_work_on(request.user, pk)
    try:
        services.case_cover_note_add(actor=request.user, case=case, text=request.POST.get("text", ""))
    except services.ConflictError as error:
        messages.error(request, str(error))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        holder = services.covered_holder(request.user, case) or case.handler
        messages.success(request, _("Note kept for %(holder)s's handover.") % {"holder": holder})
    return redirect("cases:detail", pk=case.pk)


@require_POST
@login_required
def ask_consent(request, pk):
    """B asks the section chief, in one click, to act on A's urgent case."""
    case = _case_to_work_on(request.user, pk)
    try:
        services.case_consent_ask(actor=request.user, case=case)
    except services.ConflictError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The section chief has been asked; you will be told the answer."))
    return redirect("cases:detail", pk=case.pk)


@login_required
def detail(request, pk):
    return _render_detail(request, _case_or_404(request.user, pk))


@require_POST
@login_required
def reveal_contact(request, pk):
    """The page again with the applicant's full phone, for who works the case; the sight is logged."""
    case = _case_or_404(request.user, pk)
    services.case_reveal_contact(actor=request.user, case=case)
    return _render_detail(request, case, revealed=True)


@require_POST
@login_required
def start(request, pk):
    case = _case_to_work_on(request.user, pk)
    try:
        services.case_start(actor=request.user, case=case)
    except services.ConflictError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Work on case %(number)s has started.") % {"number": case.number})
    return redirect("cases:detail", pk=case.pk)


@require_POST
@login_required
def complete(request, pk):
    case = _case_to_work_on(request.user, pk)
    try:
        case = services.case_complete(actor=request.user, case=case)
    except services.ConflictError as error:
        messages.error(request, str(error))
    else:
        if case.completed_on_time:
            text = _("Case %(number)s completed on time.")
        else:
            text = _("Case %(number)s completed after its due date (%(due)s).")
        messages.success(request, text % {"number": case.number, "due": case.due_date.isoformat()})
    return redirect("cases:detail", pk=case.pk)


@require_POST
@login_required
def withdraw(request, pk):
    case = _case_to_work_on(request.user, pk)
    form = WithdrawForm(request.POST)
    if form.is_valid():
        try:
            services.case_withdraw(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        except services.ConflictError as error:
            messages.error(request, str(error))
            return redirect("cases:detail", pk=case.pk)
        else:
            messages.success(request, _("Case %(number)s withdrawn.") % {"number": case.number})
            return redirect("cases:detail", pk=case.pk)
    return _render_detail(request, case, withdraw_form=form)


@require_POST
@login_required
def extension_request(request, pk):
    case = _case_to_work_on(request.user, pk)
    form = ExtensionRequestForm(request.POST, applicant_told=bool(case.applicant_phone))
    if form.is_valid():
        try:
            extension = services.extension_request(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        except services.ConflictError as error:
            messages.error(request, str(error))
            return redirect("cases:detail", pk=case.pk)
        else:
            messages.success(
                request,
                _("Extension of %(days)s working days requested; the section chief decides by %(date)s.")
                % {"days": extension.days, "date": extension.decide_by.isoformat()},
            )
            return redirect("cases:detail", pk=case.pk)
    return _render_detail(request, case, extension_form=form)


def _receipt_of(request, pk):
    """The receipt of a case the user may view; a leader's instruction has none."""
    case = _case_or_404(request.user, pk)
    if case.kind != CaseKind.SERVICE:
        raise Http404
    site_url = settings.SITE_URL or request.build_absolute_uri("/").rstrip("/")
    track_url = f"{site_url}{reverse('track:index')}"
    return case, receipt_of(case, track_url=track_url, site_url=site_url)


@login_required
@require_safe
def receipt(request, pk):
    """The printable receipt (受理回执) handed to the applicant, on A4."""
    case, sheet = _receipt_of(request, pk)
    return render(request, "deadlines/receipt.html", {"case": case, "sheet": sheet})


@login_required
@require_safe
def receipt_pdf(request, pk):
    """The same receipt as a PDF."""
    case, sheet = _receipt_of(request, pk)
    response = HttpResponse(sheet_pdf(sheet), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{case.number}.pdf"'
    return response


# --- Extension decisions -----------------------------------------------------------


def _decide(request, pk, *, approve: bool):
    extension = selectors.extension_for_decision(request.user, pk)
    if extension is None:
        raise Http404
    if not request.user.has_perm("deadlines.decide_extension", extension):
        raise PermissionDenied
    back = safe_next(request, reverse("cases:section"))
    form = ExtensionDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["note"]))
        return redirect(back)
    note = form.cleaned_data["note"]
    number = extension.case.number
    try:
        if approve:
            extension = services.extension_approve(actor=request.user, extension=extension, note=note)
        else:
            services.extension_reject(actor=request.user, extension=extension, note=note)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except services.ConflictError as error:
        messages.error(request, _("%(reason)s Nothing was changed.") % {"reason": error})
    else:
        if approve:
            text = _("Extension approved: case %(number)s is now due on %(due)s; the applicant is told why.")
            messages.success(request, text % {"number": number, "due": extension.due_after.isoformat()})
        else:
            messages.success(
                request,
                _("Extension for case %(number)s rejected; the handler is told why.") % {"number": number},
            )
    return redirect(back)


@require_POST
@login_required
def extension_approve(request, pk):
    return _decide(request, pk, approve=True)


@require_POST
@login_required
def extension_reject(request, pk):
    return _decide(request, pk, approve=False)


# --- The section's cases -------------------------------------------------------------


@permission_required("deadlines.view_section_cases")
def section(request):
    """A section chief's cases of their section (a supervisor's: any section's),
    with the extension requests waiting for a decision at the top."""
    user = request.user
    may_pick = is_supervisor(user)
    me = staff_of(user)
    if may_pick:
        department = None
    elif me is not None:
        department = me.department
    else:
        raise PermissionDenied
    cases = selectors.section_case_list(department)
    case_filter = SectionCaseFilter(
        request.GET, queryset=cases, department=department, may_pick_section=may_pick
    )
    if may_pick and case_filter.form.is_valid():
        department = case_filter.form.cleaned_data.get("department")
    # The cards count under every filter but the status and the completion
    # date, so each keeps its number.
    card_query = query_without(request.GET, "completed_from")
    card_query["status"] = ""
    card_cases = SectionCaseFilter(
        card_query, queryset=cases, department=department, may_pick_section=may_pick
    ).qs
    counts = selectors.status_counts(card_cases)
    year_start = selectors.start_of_year()
    counts["completed"] = selectors.completed_since(card_cases, year_start)
    today = timezone.localdate().isoformat()
    cards = [
        {
            "label": _("Open cases"),
            "count": counts["open"],
            "icon": "folder2-open",
            "tone": "",
            "url": url_with(
                request, status=STATUS_OPEN, overdue=None, due_from=None, due_to=None, completed_from=None
            ),
        },
        {
            "label": _("Due today"),
            "count": counts["due_today"],
            "icon": "hourglass-split",
            "tone": "warn" if counts["due_today"] else "",
            "url": url_with(
                request, status=STATUS_OPEN, overdue=None, due_from=today, due_to=today, completed_from=None
            ),
        },
        {
            "label": _("Overdue"),
            "count": counts["overdue"],
            "icon": "alarm",
            "tone": "late" if counts["overdue"] else "ok",
            "url": url_with(
                request, status=STATUS_OPEN, overdue="true", due_from=None, due_to=None, completed_from=None
            ),
        },
        {
            "label": _("Completed this year"),
            "count": counts["completed"],
            "icon": "check2-circle",
            "tone": "ok",
            "url": url_with(
                request,
                status=CaseStatus.COMPLETED,
                overdue=None,
                due_from=None,
                due_to=None,
                completed_from=year_start.isoformat(),
            ),
        },
    ]
    ordering = ("due_date", "id") if case_filter.shows_open_only else ("-due_date", "-id")
    page = _paginate(request, case_filter.qs.order_by(*ordering))
    queue = []
    if department is not None:
        for extension in selectors.extension_queue(department):
            extension.can_decide = user.has_perm("deadlines.decide_extension", extension)
            queue.append(extension)
    return render(
        request,
        "deadlines/section.html",
        {
            "filter": case_filter,
            "department": department,
            "may_pick": may_pick,
            "cards": cards,
            "page": page,
            "queue": queue,
            "today": timezone.localdate(),
        },
    )


# --- The overdue board ---------------------------------------------------------------


@permission_required("deadlines.view_overdue_board")
def overdue(request):
    """The supervisor's board: overdue cases per section, and each overdue case, oldest first."""
    sections = selectors.overdue_counts_by_section()
    picked = request.GET.get("department", "")
    department = next((s for s in sections if str(s.pk) == picked), None)
    page = _paginate(request, selectors.overdue_board_cases(department))
    return render(
        request,
        "deadlines/overdue.html",
        {
            "sections": sections,
            "department": department,
            "total": sum(s.overdue_count for s in sections),
            "chart": {
                "labels": [s.name for s in sections],
                "counts": [s.overdue_count for s in sections],
                "label": _("Overdue cases"),
            },
            "page": page,
        },
    )


# --- Extension requests decided late ---------------------------------------------------


@require_GET
@permission_required("deadlines.view_section_cases")
def late_extensions(request):
    """Extension requests left waiting past their decision day, or decided after
    it: a supervisor's across the bureau, a section chief's of their section."""
    if is_supervisor(request.user):
        department = None
    else:
        me = staff_of(request.user)
        if me is None:
            raise PermissionDenied
        department = me.department
    which = request.GET.get("which", "")
    if which not in (selectors.LATE_WAITING, selectors.LATE_DECIDED):
        which = ""
    tabs = [
        ("", _("Both")),
        (selectors.LATE_WAITING, _("Waiting past their decision day")),
        (selectors.LATE_DECIDED, _("Decided after their decision day")),
    ]
    return render(
        request,
        "deadlines/late_extensions.html",
        {
            "department": department,
            "which": which,
            "tabs": tabs,
            "page": IdsFirstPaginator(selectors.late_extensions(department, which=which), PAGE_SIZE).get_page(
                request.GET.get("page")
            ),
            "today": timezone.localdate(),
        },
    )
