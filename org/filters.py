import django_filters
from django.utils.translation import gettext_lazy as _

from org.models import Department, Post, Staff
from org.roles import Role


class StaffFilter(django_filters.FilterSet):
    department = django_filters.ModelChoiceFilter(queryset=Department.objects.all(), label=_("department"))
    role = django_filters.ChoiceFilter(
        choices=Role.choices, method="filter_role", label=_("role"), empty_label=_("All roles")
    )
    search = django_filters.CharFilter(method="filter_search", label=_("Search"))

    class Meta:
        model = Staff
        fields = ["department", "role", "search"]

    def filter_role(self, queryset, name, value):
        return queryset.with_role(value)

    def filter_search(self, queryset, name, value):
        return queryset.filter(name__icontains=value) | queryset.filter(employee_number__icontains=value)


class PostFilter(django_filters.FilterSet):
    class Meta:
        model = Post
        fields = ["department"]
