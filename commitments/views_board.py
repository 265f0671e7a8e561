"""The public board (公示栏): no login, read only, nothing a visitor may not see."""

from django.http import Http404
from django.shortcuts import render

from commitments import selectors
from commitments.models import ServiceItem
from core.paginator import IdsFirstPaginator

ITEMS_PER_PAGE = 20


def index(request):
    return render(request, "commitments/board/index.html", selectors.board_overview())


def items(request):
    item_filter = selectors.BoardItemFilter(request.GET, queryset=selectors.published_items())
    page = IdsFirstPaginator(item_filter.qs, ITEMS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "commitments/board/items.html",
        {"filter": item_filter, "page": page, "total": page.paginator.count},
    )


def item(request, code):
    try:
        service_item = selectors.board_item(code)
    except ServiceItem.DoesNotExist:
        raise Http404 from None
    return render(
        request,
        "commitments/board/item.html",
        {"item": service_item, "version": service_item.current},
    )


def staff(request):
    return render(request, "commitments/board/staff.html", {"sections": selectors.board_sections()})


def rules(request):
    return render(request, "commitments/board/rules.html", selectors.board_texts())
