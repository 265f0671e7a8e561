"""The service catalogue API (``service-items/``): public, read only.

The fields of api.md are a promise to the city's platforms; the rest are
additions. Everything an item says comes from its version in force.
"""

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.permissions import AllowAny

from commitments import selectors
from commitments.models import Material, ServiceItem


class MaterialSerializer(serializers.ModelSerializer):
    conditional = serializers.BooleanField(
        read_only=True, help_text=_("Needed only in the case `condition` names, not from every applicant.")
    )

    class Meta:
        model = Material
        fields = ["id", "name", "form", "copies", "source", "notes", "conditional", "condition"]


class ServiceItemSerializer(serializers.ModelSerializer):
    department_name = serializers.CharField(source="department.name", read_only=True)
    version = serializers.IntegerField(
        source="current.number", read_only=True, help_text=_("The number of the version in force.")
    )
    name = serializers.CharField(source="current.name", read_only=True)
    basis = serializers.CharField(source="current.basis", read_only=True)
    conditions = serializers.CharField(source="current.conditions", read_only=True)
    procedure = serializers.CharField(source="current.procedure", read_only=True)
    materials = MaterialSerializer(source="current.materials", many=True, read_only=True)
    statutory_days = serializers.IntegerField(
        source="current.statutory_days",
        read_only=True,
        allow_null=True,
        help_text=_("Statutory time limit in working days; null when the law sets none."),
    )
    committed_days = serializers.IntegerField(
        source="current.committed_days",
        read_only=True,
        help_text=_("Committed time limit in working days; 0 means handled on the spot."),
    )
    on_the_spot = serializers.BooleanField(source="current.on_the_spot", read_only=True)
    fees = serializers.CharField(
        source="current.fees", read_only=True, help_text=_("Empty means free of charge.")
    )
    fee_basis = serializers.CharField(source="current.fee_basis", read_only=True)
    service_standard = serializers.CharField(source="current.service_standard", read_only=True)
    place = serializers.CharField(source="current.place", read_only=True)
    hours = serializers.CharField(source="current.hours", read_only=True)
    consult_channel = serializers.CharField(source="current.consult_channel", read_only=True)
    complaint_channel = serializers.CharField(source="current.complaint_channel", read_only=True)

    class Meta:
        model = ServiceItem
        fields = [
            "id",
            "code",
            "name",
            "department",
            "department_name",
            "post",
            "version",
            "basis",
            "conditions",
            "procedure",
            "materials",
            "statutory_days",
            "committed_days",
            "on_the_spot",
            "fees",
            "fee_basis",
            "service_standard",
            "place",
            "hours",
            "consult_channel",
            "complaint_channel",
        ]
        read_only_fields = fields


class ServiceItemFilter(selectors.BoardItemFilter):
    code = django_filters.CharFilter(field_name="code", label=_("code"))

    class Meta(selectors.BoardItemFilter.Meta):
        fields = ["search", "department", "code"]


@extend_schema_view(
    list=extend_schema(
        summary=_("The published service catalogue"),
        description=_(
            "Published service items with their version in force. No login needed. "
            "`search` matches the name, code or basis."
        ),
    ),
    retrieve=extend_schema(summary=_("One published service item")),
)
class ServiceItemViewSet(viewsets.ReadOnlyModelViewSet):
    """The service catalogue, as the public board shows it."""

    # Public data: no credentials are read, so a stale token or a session
    # without a CSRF token never turns a read into a 401/403.
    authentication_classes = []
    permission_classes = [AllowAny]
    serializer_class = ServiceItemSerializer
    filterset_class = ServiceItemFilter

    def get_queryset(self):
        return selectors.published_items_with_materials()
