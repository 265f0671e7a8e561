"""The bureau report of accountability records and a person's year (rule 7).

The report: every section's records for supervisors, their own for a section
chief; filtered, counted per section, paged, and exported (.xlsx or .csv) with
the same filters. A person's year: one printable page of their records, the
counts per outcome and where they stand against the thresholds."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from accountability import selectors_report
from accountability.export import FORMATS, report_export
from accountability.forms_records import RecordReportFilter
from accountability.models import Outcome
from accountability.thresholds import standings
from core import clock
from core.paginator import IdsFirstPaginator
from org.permissions import permission_required

PAGE_SIZE = 50
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


def _filtered(request):
    return RecordReportFilter(
        request.GET,
        queryset=selectors_report.report_list(request.user),
        section=selectors_report.report_section(request.user),
    )


@require_safe
@permission_required("accountability.view_report")
def report(request):
    report_filter = _filtered(request)
    rows = report_filter.qs.order_by("-occurred_on", "-pk")
    page = IdsFirstPaginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    sections = selectors_report.section_counts(report_filter.qs)
    year = report_filter.form.cleaned_data.get("year") if report_filter.form.is_valid() else None
    year = int(year) if year else clock.localdate().year
    return render(
        request,
        "accountability/report.html",
        {
            "filter": report_filter,
            "page": page,
            "sections": sections,
            "outcomes": Outcome.choices,
            "export_query": request.GET.urlencode(),
            "crossed_year": year,
            "crossed": selectors_report.crossed_in_scope(request.user, year),
        },
    )


@require_safe
@permission_required("accountability.view_report")
def report_download(request, file_format):
    """The filtered rows, all of them, as a workbook or a CSV file."""
    if file_format not in FORMATS:
        raise Http404
    report_filter = _filtered(request)
    rows = report_filter.qs.order_by("occurred_on", "pk")
    filename = f"accountability-{clock.localdate():%Y%m%d}.{file_format}"
    return HttpResponse(
        report_export(rows, file_format),
        content_type=CONTENT_TYPES[file_format],
        headers={"Content-Disposition": content_disposition_header(True, filename)},
    )


@require_safe
@login_required
def person_year(request, staff_id, year):
    person = selectors_report.person_for_year(request.user, staff_id)
    if person is None or not 2000 <= year <= 2100:
        raise Http404
    records = selectors_report.year_records(person, year)
    return render(
        request,
        "accountability/person_year.html",
        {
            "person": person,
            "year": year,
            "records": records,
            "outcomes": selectors_report.outcome_counts(records),
            "standings": standings(person, year),
            "crossed": selectors_report.crossings([person.pk], [year]).get((person.pk, year), []),
            "printed_at": clock.now(),
        },
    )
