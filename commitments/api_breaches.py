"""The breach register in the API: ``breaches/`` and ``breaches/{id}/decide/``."""

from django.core.validators import FileExtensionValidator
from django.urls import reverse
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import BasePermission
from rest_framework.response import Response

from commitments import services
from commitments.filters import BreachFilter
from commitments.models import Breach, BreachOutcome
from commitments.selectors_breaches import breaches_visible_to, items_for_breaches
from core.api import CONFLICT
from core.evidence import EVIDENCE_EXTENSIONS, validate_evidence_file
from org.models import Staff
from org.permissions import IsStaffMember, rule_permission
from org.predicates import staff_of


def _staff_id(user) -> int | None:
    """Users are referred to by their staff id, as every other object is."""
    staff = staff_of(user)
    return staff.pk if staff is not None else None


class BreachSerializer(serializers.ModelSerializer):
    staff_name = serializers.CharField(source="staff.name", read_only=True)
    department = serializers.IntegerField(source="staff.department_id", read_only=True)
    item_name = serializers.SerializerMethodField()
    evidence_file = serializers.SerializerMethodField()
    recorded_by = serializers.SerializerMethodField()
    decided_by = serializers.SerializerMethodField()

    class Meta:
        model = Breach
        fields = [
            "id",
            "staff",
            "staff_name",
            "department",
            "item",
            "item_version",
            "item_name",
            "occurred_on",
            "promised",
            "happened",
            "evidence",
            "evidence_file",
            "complaint_received",
            "outcome",
            "outcome_note",
            "recorded_by",
            "recorded_at",
            "decided_by",
            "decided_at",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_item_name(self, breach) -> str | None:
        """The item's name in the version in force when the breach was recorded."""
        return breach.item_version.name if breach.item_version_id else None

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_evidence_file(self, breach) -> str | None:
        if not breach.evidence_file:
            return None
        return self.context["request"].build_absolute_uri(reverse("breaches:evidence", args=[breach.pk]))

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_recorded_by(self, breach) -> int | None:
        return _staff_id(breach.recorded_by)

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_decided_by(self, breach) -> int | None:
        return _staff_id(breach.decided_by)


class BreachCreateSerializer(serializers.Serializer):
    # Any active staff member: breach_record answers 403 for one outside the user's reach.
    staff = serializers.PrimaryKeyRelatedField(queryset=Staff.objects.active())
    item = serializers.PrimaryKeyRelatedField(queryset=items_for_breaches(), required=False, allow_null=True)
    occurred_on = serializers.DateField()
    promised = serializers.CharField()
    happened = serializers.CharField()
    evidence = serializers.CharField(required=False, allow_blank=True, default="")
    evidence_file = serializers.FileField(
        required=False,
        allow_null=True,
        validators=[FileExtensionValidator(EVIDENCE_EXTENSIONS), validate_evidence_file],
    )
    complaint_received = serializers.BooleanField(required=False, default=False)


class BreachDecisionSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(
        choices=[(value, label) for value, label in BreachOutcome.choices if value != BreachOutcome.PENDING]
    )
    note = serializers.CharField(required=False, allow_blank=True, default="")


class MayDecideBreach(BasePermission):
    def has_object_permission(self, request, view, obj):
        return request.user.has_perm("commitments.decide_breach", obj)


class BreachViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Commitment breaches (违诺). Supervisors see all; a section chief sees their own
    section's; anyone else may read only a breach recorded against themselves."""

    serializer_class = BreachSerializer
    filterset_class = BreachFilter

    def get_queryset(self):
        return breaches_visible_to(self.request.user)

    def get_permissions(self):
        if self.action in ("list", "create"):
            return [IsStaffMember(), rule_permission("commitments.list_breaches")()]
        if self.action == "decide":
            return [IsStaffMember(), MayDecideBreach()]
        return [IsStaffMember()]

    @extend_schema(request=BreachCreateSerializer, responses={201: BreachSerializer})
    def create(self, request):
        payload = BreachCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        breach = services.breach_record(actor=request.user, **payload.validated_data)
        breach = self.get_queryset().get(pk=breach.pk)
        return Response(self.get_serializer(breach).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=BreachDecisionSerializer, responses={200: BreachSerializer, 409: CONFLICT})
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        breach = self.get_object()
        payload = BreachDecisionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        breach = services.breach_decide(actor=request.user, breach=breach, **payload.validated_data)
        return Response(self.get_serializer(self.get_queryset().get(pk=breach.pk)).data)
