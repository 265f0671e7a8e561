"""The register of refusals (rule 6): every section's for supervisors, their own
for a section chief; filtered, counted by outcome, paged, and exported to Excel."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core.http import url_with
from core.paginator import IdsFirstPaginator
from org.permissions import permission_required
from refusals import selectors_register
from refusals.export import register_xlsx
from refusals.filters import RefusalRegisterFilter
from refusals.models import RefusalStatus

PAGE_SIZE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _filtered(request, data=None):
    section = selectors_register.register_section(request.user)
    return RefusalRegisterFilter(
        request.GET if data is None else data,
        queryset=selectors_register.register_list(request.user),
        section=section,
    )


@require_safe
@permission_required("refusals.view_register")
def register(request):
    register_filter = _filtered(request)
    page = IdsFirstPaginator(register_filter.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    without_status = request.GET.copy()
    without_status.pop("status", None)
    counts = selectors_register.register_counts(_filtered(request, without_status).qs)
    cards = [
        {"label": _("All outcomes"), "count": counts["total"], "status": None, "tone": ""},
        *(
            {
                "label": label,
                "count": counts[status],
                "status": status,
                "tone": "late" if status == RefusalStatus.OVERTURNED and counts[status] else "",
            }
            for status, label in RefusalStatus.choices
        ),
    ]
    for card in cards:
        card["url"] = url_with(request, status=card["status"])
    return render(
        request,
        "refusals/register.html",
        {"filter": register_filter, "page": page, "cards": cards, "export_query": request.GET.urlencode()},
    )


@require_safe
@permission_required("refusals.view_register")
def register_export(request):
    """The filtered rows, all of them, as an .xlsx workbook."""
    register_filter = _filtered(request)
    filename = f"refusals-{timezone.localdate():%Y%m%d}.xlsx"
    return HttpResponse(
        register_xlsx(register_filter.qs.order_by("filed_at", "pk")),
        content_type=XLSX,
        headers={"Content-Disposition": content_disposition_header(True, filename)},
    )
