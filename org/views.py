from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from core.navigation import home_panels
from org import selectors
from org.filters import StaffFilter
from org.models import Department
from org.permissions import permission_required


@login_required
def home(request):
    """Each person's own start page: the panels of every role they hold."""
    panels = []
    for panel in home_panels():
        if panel.visible(request.user):
            panels.append(
                {"key": panel.key, "template": panel.template, "context": panel.context(request.user)}
            )
    return render(request, "org/home.html", {"panels": panels})


@permission_required("org.view_directory")
def directory(request):
    staff_filter = StaffFilter(request.GET, queryset=selectors.staff_list())
    page = Paginator(staff_filter.qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "org/directory.html",
        {
            "departments": selectors.departments_with_counts(),
            "filter": staff_filter,
            "page": page,
            "total": page.paginator.count,
        },
    )


@permission_required("org.view_directory")
def department_detail(request, code):
    try:
        department = selectors.department_detail(code)
    except Department.DoesNotExist:
        raise Http404 from None
    return render(request, "org/department.html", {"department": department})
