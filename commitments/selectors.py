"""Reads of the catalogue for the public board and the API.

Everything here is public: only published items, only staff the bureau
shows on the board, and never a field the public must not see (employee
numbers, phone extensions, logins).
"""

from dataclasses import dataclass, field

import django_filters
from django import forms
from django.db.models import Count, F, Max, Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from commitments.models import BoardText, Material, ServiceItem, ServiceItemVersion
from commitments.services import changed_version_fields, version_content
from org.models import Department, Post, Staff
from org.roles import Role, has_role


def published_items():
    """The published items with their version in force, for a list (no materials)."""
    return ServiceItem.objects.published().select_related("department", "current")


def published_items_with_materials():
    """The published items with their version in force and its materials."""
    return ServiceItem.objects.published().with_current()


def board_item(code: str) -> ServiceItem:
    """One published item by its code; ServiceItem.DoesNotExist for an unknown or unpublished one."""
    return published_items_with_materials().get(code=code)


class BoardItemFilter(django_filters.FilterSet):
    """What a visitor may narrow the catalogue by: words and a section."""

    search = django_filters.CharFilter(
        method="filter_search",
        label=_("Search"),
        max_length=100,
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "placeholder": _("Item name, code or legal basis"),
                "autocomplete": "off",
            }
        ),
    )
    department = django_filters.ModelChoiceFilter(
        queryset=Department.objects.order_by("order", "code"),
        label=_("Section"),
        empty_label=_("All sections"),
    )

    class Meta:
        model = ServiceItem
        fields = ["search", "department"]

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(current__name__icontains=value) | Q(code__icontains=value) | Q(current__basis__icontains=value)
        )


def board_overview() -> dict:
    """The figures and headlines of the board's front page."""
    published = Q(service_items__published=True, service_items__current__isnull=False)
    sections = (
        Department.objects.annotate(item_count=Count("service_items", filter=published))
        .filter(item_count__gt=0)
        .order_by("order", "code")  # Meta.ordering does not apply to GROUP BY queries
    )
    totals = ServiceItem.objects.published().aggregate(
        items=Count("id"),
        on_the_spot=Count("id", filter=Q(current__committed_days=0)),
        faster=Count("id", filter=Q(current__committed_days__lt=F("current__statutory_days"))),
    )
    return {"sections": list(sections), "totals": totals, "texts": list(BoardText.objects.all())}


def board_texts() -> dict:
    """The commitment texts in the bureau's order, and whether "how to complain" is among them."""
    texts = list(BoardText.objects.all())
    return {
        "texts": texts,
        "complaints_published": any(text.kind == BoardText.Kind.COMPLAINTS for text in texts),
    }


def board_staff() -> QuerySet[Staff]:
    """The people the bureau shows on the public board: whose names the public may read."""
    return Staff.objects.active().filter(shown_on_board=True)


@dataclass
class BoardSection:
    """One section on the staff board: its leaders first, then its staff."""

    department: Department
    leaders: list[Staff] = field(default_factory=list)
    staff: list[Staff] = field(default_factory=list)


def board_sections() -> list[BoardSection]:
    """Every section with the people it shows on the board and the posts they hold.

    A section's leaders are its head, whatever roles the head holds (the
    efficiency office's director is a supervisor, not a section chief), and
    its section chiefs (the SECTION_CHIEF role, as org.predicates.chiefs_of
    asks). The head is who ranks highest among the section's active staff,
    listed on the board or not, so hiding the head never promotes a deputy.
    Roles come from the prefetched groups, so the page costs the same few
    queries however many people it lists.
    """
    posts = Post.objects.order_by("name")
    people = (
        board_staff()
        .select_related("user")
        .prefetch_related(
            "user__groups",
            Prefetch("a_posts", queryset=posts),
            Prefetch("b_posts", queryset=posts),
        )
        .order_by("-rank", "name")
    )
    departments = (
        Department.objects.order_by("order", "code")
        .annotate(head_rank=Max("staff__rank", filter=Q(staff__user__is_active=True)))
        .prefetch_related(Prefetch("staff", queryset=people, to_attr="board_people"))
    )
    sections = []
    for department in departments:
        section = BoardSection(department=department)
        for person in department.board_people:
            if person.rank == department.head_rank or has_role(person.user, Role.SECTION_CHIEF):
                section.leaders.append(person)
            else:
                section.staff.append(person)
        sections.append(section)
    return sections


# --- The administrator's catalogue (every item, published or not) ----------


def catalogue_items(*, q: str = "", department=None, published: str = ""):
    items = (
        ServiceItem.objects.select_related("department", "current")
        .annotate(materials_count=Count("current__materials"))
        .order_by("department__order", "department__code", "code")  # GROUP BY drops Meta.ordering
    )
    if q:
        items = items.filter(Q(code__icontains=q) | Q(current__name__icontains=q))
    if department is not None:
        items = items.filter(department=department)
    if published:
        items = items.filter(published=published == "yes")
    return items


def catalogue_item(code: str) -> ServiceItem:
    """Any item by its code, published or not, with its version in force and its materials;
    ServiceItem.DoesNotExist for an unknown code."""
    return ServiceItem.objects.with_current().get(code=code)


@dataclass
class VersionEntry:
    """One version in an item's history, with the fields it changed from the version before it."""

    version: ServiceItemVersion
    changed: list[str]

    @property
    def changed_labels(self) -> list[str]:
        return [
            str(Material._meta.verbose_name_plural)
            if name == "materials"
            else str(ServiceItemVersion._meta.get_field(name).verbose_name)
            for name in self.changed
        ]


def catalogue_item_history(item: ServiceItem) -> list[VersionEntry]:
    """Every version of an item, newest first; the first version changed nothing."""
    versions = list(
        item.versions.select_related("created_by__staff").prefetch_related("materials").order_by("-number")
    )
    return [
        VersionEntry(newer, changed_version_fields(older, *version_content(newer)) if older else [])
        for newer, older in zip(versions, [*versions[1:], None], strict=True)
    ]


def catalogue_counts() -> dict:
    counts = ServiceItem.objects.aggregate(
        total=Count("id"),
        published=Count("id", filter=Q(published=True)),
        on_the_spot=Count("id", filter=Q(current__committed_days=0)),
    )
    return {**counts, "unpublished": counts["total"] - counts["published"]}
