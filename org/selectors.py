from django.db.models import Count, Prefetch, Q

from core.models import JobRun
from org.models import Department, Post, Staff
from org.predicates import staff_of
from org.roles import Role


def departments_with_counts():
    return Department.objects.annotate(
        staff_count=Count("staff", filter=Q(staff__user__is_active=True), distinct=True),
        post_count=Count("posts", distinct=True),
    ).order_by("order", "code")  # Meta.ordering does not apply to GROUP BY queries


def staff_list(*, department=None, role: str | None = None, search: str = ""):
    qs = Staff.objects.active().select_related("department", "user").prefetch_related("user__groups")
    if department is not None:
        qs = qs.filter(department=department)
    if role:
        qs = qs.with_role(role)
    if search:
        qs = qs.filter(
            Q(name__icontains=search) | Q(employee_number__icontains=search) | Q(title__icontains=search)
        )
    return qs


def posts_list(*, department=None):
    qs = Post.objects.select_related("department", "a_holder", "b_holder")
    if department is not None:
        qs = qs.filter(department=department)
    return qs


def department_detail(code: str) -> Department:
    staff = Staff.objects.active().select_related("user").prefetch_related("user__groups")
    posts = Post.objects.select_related("a_holder", "b_holder")
    return Department.objects.prefetch_related(
        Prefetch("staff", queryset=staff), Prefetch("posts", queryset=posts)
    ).get(code=code)


# --- Home panels ----------------------------------------------------------


def home_me_context(user) -> dict:
    me = staff_of(user)
    posts = Post.objects.filter(Q(a_holder=me) | Q(b_holder=me)).select_related(
        "department", "a_holder", "b_holder"
    )
    return {"me": me, "my_posts": list(posts)}


def home_section_context(user) -> dict:
    me = staff_of(user)
    return {
        "section": me.department,
        "section_staff": list(staff_list(department=me.department)),
        "section_posts": list(posts_list(department=me.department)),
    }


def home_bureau_context(user) -> dict:
    return {"departments": list(departments_with_counts())}


def home_system_context(user) -> dict:
    return {
        "job_runs": list(JobRun.objects.all()),
        "staff_total": Staff.objects.active().count(),
        "admins": Staff.objects.active().with_role(Role.ADMINISTRATOR).count(),
    }


def chiefs_or_supervisors(department_ids) -> dict[int, list[Staff]]:
    """Each section's active chiefs; the supervisors for a section with none, so
    an alert is never lost. Two queries at most, whatever the sections."""
    department_ids = set(department_ids)
    found: dict[int, list[Staff]] = {}
    chiefs = Staff.objects.active().with_role(Role.SECTION_CHIEF).filter(department_id__in=department_ids)
    for chief in chiefs.order_by("pk"):
        found.setdefault(chief.department_id, []).append(chief)
    if department_ids - set(found):
        supervisors = list(Staff.objects.active().with_role(Role.SUPERVISOR).order_by("pk"))
        for department_id in department_ids - set(found):
            found[department_id] = supervisors
    return found
