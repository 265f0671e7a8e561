"""The evaluation pages (rule 8): the supervisors' dashboard with its export
and printed report, the revision of a frozen period, and a score's explanation
(the staff member's own on "my evaluation").

Supervisors see every section, a chief their own; the figures are the tables'
(evaluation.tables): a closed period's frozen snapshot, the current one live.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from core import clock
from evaluation import figures, score, tables
from evaluation import selectors_dashboard as selectors
from evaluation.export import XLSX_CONTENT_TYPE, ranking_workbook
from evaluation.periods import Period
from org.models import Department
from org.permissions import permission_required
from org.predicates import is_staff_member, staff_of

CHART_FIGURES = ("handled", "on_time", "on_time_rate", "overdue", "poor", "poor_fixed", "fix_rate")


class DashboardFilter(forms.Form):
    period = forms.CharField(
        label=gettext_lazy("Period"),
        required=False,
        help_text=gettext_lazy("2026-11 (a month), 2026-Q4 (a quarter) or 2026 (a year)"),
        widget=forms.TextInput(attrs={"class": "form-control form-control-sm", "list": "periods"}),
    )
    department = forms.ModelChoiceField(
        label=gettext_lazy("Section"),
        queryset=Department.objects.order_by("name"),
        required=False,
        empty_label=gettext_lazy("Every section"),
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )

    def __init__(self, *args, scope=None, **kwargs):
        super().__init__(*args, **kwargs)
        if scope is not None:
            del self.fields["department"]

    def clean_period(self):
        text = self.cleaned_data["period"]
        return Period.parse(text) if text else Period.month_of(clock.localdate())


class ReviseForm(forms.Form):
    period = forms.CharField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=gettext_lazy("Why the frozen figures are revised"),
        max_length=2000,
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 2}),
    )

    def clean_period(self):
        return Period.parse(self.cleaned_data["period"])


def _filtered(request):
    """The period and the section asked for, in the user's scope; the bound form."""
    scope = selectors.section_scope(request.user)
    form = DashboardFilter(request.GET, scope=scope)
    if not form.is_valid():
        return form, Period.month_of(clock.localdate()), scope
    chosen = form.cleaned_data.get("department")
    return form, form.cleaned_data["period"], scope if scope is not None else (chosen.pk if chosen else None)


def _tables(period: Period, section: int | None):
    staff = tables.table(period, figures.STAFF)
    sections = tables.table(period, figures.DEPARTMENT)
    if section is not None:
        staff.rows = [row for row in staff.rows if row.get("department_id") == section]
        sections.rows = [row for row in sections.rows if row["id"] == section]
    return staff, sections


def _frozen(table) -> dict | None:
    snapshot = table.frozen
    if snapshot is None:
        return None
    return {
        "revision": snapshot.revision,
        "at": snapshot.created_at,
        "by": snapshot.created_by.name if snapshot.created_by_id else "",
        "reason": snapshot.reason,
    }


def _charts(period, section, section_rows) -> dict:
    trend = selectors.on_time_trend(selectors.months_to(period), section)
    satisfaction = selectors.satisfaction_distribution(period, section)
    by_section = [
        {"name": row["name"], **{k: row["figures"].get(k) for k in CHART_FIGURES}} for row in section_rows
    ]
    return {
        "trend": trend,
        "satisfaction": satisfaction,
        "sections": by_section,
        "data": {
            "trend": {"labels": [m["period"] for m in trend], "rates": [m["rate"] for m in trend]},
            "overdue": {
                "labels": [r["name"] for r in by_section],
                "counts": [r["overdue"] for r in by_section],
            },
            "satisfaction": {
                "labels": [str(level["label"]) for level in satisfaction],
                "active": [level["active"] for level in satisfaction],
                "default": [level["default"] for level in satisfaction],
            },
            "fix": {"labels": [r["name"] for r in by_section], "rates": [r["fix_rate"] for r in by_section]},
            "names": {
                "rate": _("On-time rate"),
                "overdue": _("Cases overdue"),
                "active": _("Active ratings"),
                "default": _("Default ratings"),
                "fix": _("Poor-rating fix rate (差评整改率)"),
            },
        },
    }


def _context(request, form, period, section) -> dict:
    staff, sections = _tables(period, section)
    revisable = request.user.has_perm("evaluation.revise_snapshot") and period.closed(clock.localdate())
    query = urlencode({"period": period.key, **({"department": section} if section else {})})
    return {
        "filter": form,
        "period": period,
        "section": Department.objects.filter(pk=section).first() if section else None,
        "staff": staff,
        "sections": sections,
        "frozen": _frozen(staff),
        "frozen_sections": _frozen(sections),
        "charts": _charts(period, section, sections.rows),
        "grades": score.GRADE_LABELS,
        "query": query,
        "suggested": _suggested_periods(),
        "revise": ReviseForm(initial={"period": period.key}) if revisable and staff.frozen else None,
        "closed_unfrozen": revisable and staff.frozen is None,
    }


def _suggested_periods() -> list[str]:
    month = Period.month_of(clock.localdate())
    months = selectors.months_to(month)
    quarter = Period("quarter", month.year, (month.number - 1) // 3 + 1)
    return [m.key for m in reversed(months)] + [quarter.key, quarter.previous().key, str(month.year)]


@require_safe
@permission_required("evaluation.view_dashboard")
def dashboard(request):
    form, period, section = _filtered(request)
    status = 400 if form.errors else 200
    return render(
        request, "evaluation/dashboard.html", _context(request, form, period, section), status=status
    )


@require_POST
@permission_required("evaluation.view_dashboard")
def revise(request):
    """A supervisor's new revision of a frozen period, both tables, with the reason."""
    if not request.user.has_perm("evaluation.revise_snapshot"):
        raise PermissionDenied
    form = ReviseForm(request.POST)
    period = Period.month_of(clock.localdate())
    if form.is_valid():
        period = form.cleaned_data["period"]
        if tables.latest_snapshot(period, figures.STAFF) is None or not period.closed(clock.localdate()):
            return _refused(request, period, form, _("This period is not frozen: it is computed live."), 409)
        try:
            with transaction.atomic():
                for level in figures.LEVELS:
                    tables.snapshot_revise(
                        actor=request.user, period=period, level=level, reason=form.cleaned_data["reason"]
                    )
        except ValidationError as error:
            form.add_error(None, error)
    if form.errors:
        return _refused(request, period, form, "", 400)
    messages.success(request, _("The figures of %(period)s were revised.") % {"period": period.key})
    return redirect(f"{reverse('evaluation:dashboard')}?{urlencode({'period': period.key})}")


def _refused(request, period, form, conflict, status):
    context = _context(request, DashboardFilter({"period": period.key}), period, None)
    context["conflict"] = conflict
    if form is not None and status == 400:
        context["revise"] = form
    return render(request, "evaluation/dashboard.html", context, status=status)


@require_safe
@permission_required("evaluation.view_dashboard")
def export(request):
    form, period, section = _filtered(request)
    if form.errors:
        return HttpResponse(status=400)
    staff, sections = _tables(period, section)
    filename = f"evaluation-{period.key}.xlsx"
    return HttpResponse(
        ranking_workbook(period, sections, staff),
        content_type=XLSX_CONTENT_TYPE,
        headers={"Content-Disposition": content_disposition_header(True, filename)},
    )


@require_safe
@permission_required("evaluation.view_dashboard")
def report_print(request):
    form, period, section = _filtered(request)
    context = _context(request, form, period, section)
    context["printed_at"] = clock.now()
    return render(request, "evaluation/report_print.html", context, status=400 if form.errors else 200)


def _explained(period: Period, subject) -> dict:
    """The subject's row of the period's table (zeros when nothing counted), its
    score's lines under the scheme the table was scored with, and the matters."""
    table = tables.table(period, subject.level)
    row = next((r for r in table.rows if r["id"] == subject.id), None)
    scheme = table.frozen.scheme if table.frozen is not None else score.scheme_for(period)
    values = row["figures"] if row else _nothing_counted()
    lines = score.explain(values, scheme) if scheme else []
    counted = [line.key for line in lines if line.value] + [
        key for key in ("handled", "on_time", "ratings", "poor", "poor_fixed") if values.get(key)
    ]
    return {
        "table": table,
        "row": row,
        "values": values,
        "scheme": scheme,
        "lines": lines,
        "points": row["score"] if row else (score.score(values, scheme) if scheme else None),
        "grade": score.GRADE_LABELS.get(row["grade"]) if row and row["grade"] else None,
        "matters": selectors.matters_behind(period, subject.level, subject.id, dict.fromkeys(counted)),
        "frozen": _frozen(table),
        "summary": [(key, figures.LABELS[key], values.get(key)) for key in SUMMARY],
    }


SUMMARY = (
    "handled",
    "on_time_rate",
    "avg_days",
    "overdue",
    "extensions",
    "ratings",
    "active_rate",
    "good_rate",
    "poor",
    "fix_rate",
)


def _nothing_counted() -> dict:
    values = {figure.key: 0 for figure in figures.COUNTED}
    values.update({rate.key: None for rate in figures.RATES}, poor_unfollowed=0, avg_days=None)
    return values


def _parse_or_404(text: str) -> Period:
    try:
        return Period.parse(text)
    except ValidationError:
        raise Http404 from None


@require_safe
@login_required
def explain(request, level, who, period):
    period = _parse_or_404(period)
    subject = selectors.subject_for(request.user, level, who)
    return _render_explain(request, period, subject, mine=False)


@require_safe
@login_required
def mine(request):
    """My evaluation: my own figures and score, the current month unless asked."""
    if not is_staff_member(request.user):
        raise Http404
    me = staff_of(request.user)
    form = DashboardFilter(request.GET, scope=me.department_id)
    period = form.cleaned_data["period"] if form.is_valid() else Period.month_of(clock.localdate())
    subject = selectors.subject_for(request.user, figures.STAFF, me.pk)
    return _render_explain(request, period, subject, mine=True, form=form)


def _render_explain(request, period, subject, *, mine, form=None):
    context = {
        "period": period,
        "subject": subject,
        "mine": mine,
        "filter": form,
        "suggested": _suggested_periods(),
        "previous": period.previous(),
        **_explained(period, subject),
    }
    status = 400 if form is not None and form.errors else 200
    return render(request, "evaluation/explain.html", context, status=status)
