"""Holder changes in the API: ``holder-changes/`` (list, create) and
``holder-changes/{id}/approve|reject/``.

Every write goes through abpositions.services_holders, which checks who may:
a change of another section is 404, one seen but not to be decided is 403.
"""

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from abpositions import services_holders as services
from abpositions.models import ChangeStatus, HolderChange, HolderRole
from abpositions.selectors_holders import holder_changes_visible_to
from core.api import CONFLICT
from core.errors import require
from org.models import Department, Post, Staff
from org.permissions import IsStaffMember


class HolderChangeSerializer(serializers.ModelSerializer):
    department = serializers.PrimaryKeyRelatedField(source="post.department", read_only=True)

    class Meta:
        model = HolderChange
        fields = [
            "id",
            "post",
            "department",
            "role",
            "previous",
            "proposed",
            "reason",
            "status",
            "requested_by",
            "requested_at",
            "decided_by",
            "decided_at",
            "decision_note",
        ]
        read_only_fields = fields


class HolderChangeCreateSerializer(serializers.Serializer):
    post = serializers.PrimaryKeyRelatedField(queryset=Post.objects.select_related("department"))
    role = serializers.ChoiceField(choices=HolderRole.choices, help_text=_("`a` (责任人) or `b` (备岗人)."))
    proposed = serializers.PrimaryKeyRelatedField(
        queryset=Staff.objects.active().select_related("user"),
        help_text=_("A staff member of the post's section; the post's other holder swaps the two."),
    )
    reason = serializers.CharField(allow_blank=True)


class HolderChangeDecisionSerializer(serializers.Serializer):
    note = serializers.CharField(
        required=False, allow_blank=True, default="", help_text=_("Required to reject.")
    )


class HolderChangeFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=ChangeStatus.choices)
    section = django_filters.ModelChoiceFilter(
        field_name="post__department", queryset=Department.objects.all()
    )

    class Meta:
        model = HolderChange
        fields = ["status", "section", "post", "role"]


@extend_schema_view(
    list=extend_schema(summary=_("Holder changes of the sections the caller oversees")),
    retrieve=extend_schema(summary=_("One holder change")),
)
class HolderChangeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Changes of a post's A or B holder (rule 4): asked by the section chief
    or an administrator, decided by that section's chief alone."""

    permission_classes = [IsStaffMember]
    serializer_class = HolderChangeSerializer
    filterset_class = HolderChangeFilter

    def get_queryset(self):
        return holder_changes_visible_to(self.request.user)

    def _change_response(self, change, code=status.HTTP_200_OK):
        return Response(self.get_serializer(self.get_queryset().get(pk=change.pk)).data, status=code)

    @extend_schema(
        summary=_("Ask for a change of a post's holder"),
        request=HolderChangeCreateSerializer,
        responses={201: HolderChangeSerializer, 409: CONFLICT},
    )
    def create(self, request):
        require(request.user, "abpositions.request_holder_changes")
        payload = HolderChangeCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        change = services.holder_change_request(actor=request.user, **payload.validated_data)
        return self._change_response(change, status.HTTP_201_CREATED)

    @extend_schema(
        summary=_("The section chief approves: the new holder takes the post at once"),
        request=HolderChangeDecisionSerializer,
        responses={200: HolderChangeSerializer, 409: CONFLICT},
    )
    @action(detail=True, methods=["post"], filter_backends=[])
    def approve(self, request, pk=None):
        return self._decide(request, services.holder_change_approve)

    @extend_schema(
        summary=_("The section chief rejects, with the reason in `note`"),
        request=HolderChangeDecisionSerializer,
        responses={200: HolderChangeSerializer, 409: CONFLICT},
    )
    @action(detail=True, methods=["post"], filter_backends=[])
    def reject(self, request, pk=None):
        return self._decide(request, services.holder_change_reject)

    def _decide(self, request, decide):
        change = self.get_object()
        require(request.user, "abpositions.decide_holder_change", change)
        payload = HolderChangeDecisionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        return self._change_response(decide(actor=request.user, change=change, **payload.validated_data))
