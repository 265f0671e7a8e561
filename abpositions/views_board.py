"""Rule 4 pages: the section's post board (岗位去向牌).

Each post of a section, its A and B holders, who is away (until when, and,
to the section's own staff, where they can be reached) and who answers now,
with the counts of posts covered by B and of uncovered ones. Staff see their
own section; a supervisor picks the section.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from abpositions import selectors_absences
from org.models import Department
from org.predicates import is_staff_member, is_supervisor, staff_of


def _department(request, me) -> Department:
    """The section asked for: a supervisor's pick, else the viewer's own (another's is not found)."""
    asked = request.GET.get("department")
    if not asked:
        if is_supervisor(request.user) and not me.department.posts.exists():
            department = Department.objects.filter(posts__isnull=False).order_by("order", "pk").first()
            return department or me.department
        return me.department
    if not asked.isdigit():
        raise Http404
    if not is_supervisor(request.user) and int(asked) != me.department_id:
        raise Http404
    department = Department.objects.filter(pk=int(asked)).first()
    if department is None:
        raise Http404
    return department


@require_safe
@login_required
def board(request):
    if not is_staff_member(request.user):
        raise PermissionDenied
    me = staff_of(request.user)
    department = _department(request, me)
    return render(
        request,
        "abpositions/board.html",
        {
            "board": selectors_absences.post_board(department),
            "show_contact": department.pk == me.department_id,
            "departments": Department.objects.order_by("order", "pk")
            if is_supervisor(request.user)
            else None,
        },
    )
