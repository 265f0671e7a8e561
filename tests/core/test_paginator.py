"""IdsFirstPaginator gives the same pages as Django's Paginator, in the same order."""

from django.core.paginator import Paginator

from core.paginator import IdsFirstPaginator
from org.models import Department


def test_pages_are_the_same_rows_in_the_same_order_as_djangos(db):
    Department.objects.bulk_create(
        Department(name=f"科室{n:02d}", code=f"d{n:02d}", order=(n * 7) % 5) for n in range(23)
    )
    ordered = Department.objects.order_by("-order", "code")
    for per_page, orphans in ((5, 0), (10, 3), (50, 0)):
        ours, django = (
            IdsFirstPaginator(ordered, per_page, orphans=orphans),
            Paginator(ordered, per_page, orphans=orphans),
        )
        assert ours.num_pages == django.num_pages
        for number in ours.page_range:
            assert [d.code for d in ours.page(number)] == [d.code for d in django.page(number)]


def test_an_empty_list_has_one_empty_page(db):
    page = IdsFirstPaginator(Department.objects.none(), 10).get_page(1)
    assert list(page) == [] and page.number == 1
