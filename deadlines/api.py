"""Cases and extensions in the API: ``cases/``, ``cases/{id}/start|complete|extensions/``,
``extensions/`` and ``extensions/{id}/approve|reject/``.

The paths and fields of api.md are a promise; the rest are additions. Every
write goes through deadlines.services, which checks who may: a case the user
may not see is 404, one they see but may not act on is 403.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import (
    PolymorphicProxySerializer,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from commitments.models import ServiceItem
from core.api import CONFLICT, RevealContactOnRetrieveMixin
from core.errors import require
from deadlines import services
from deadlines.filters import CaseFilter
from deadlines.links import case_source
from deadlines.models import CaseKind, Extension
from deadlines.selectors import (
    cases_visible_to,
    extensions_visible_to,
)
from deadlines.serializers import CaseSerializer
from deadlines.validators import phone_validator
from org.models import Staff
from org.permissions import IsStaffMember


class ServiceCaseCreateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=[CaseKind.SERVICE], default=CaseKind.SERVICE)
    service_item = serializers.PrimaryKeyRelatedField(
        queryset=ServiceItem.objects.published().select_related("department", "current")
    )
    applicant_name = serializers.CharField(max_length=100)
    applicant_phone = serializers.CharField(max_length=20, validators=[phone_validator])
    handler = serializers.PrimaryKeyRelatedField(
        queryset=Staff.objects.active(),
        required=False,
        allow_null=True,
        help_text=_(
            "A staff member of the item's section. Left out: the caller when they hold the item's post "
            "(as A, or as B while A is away), else whoever answers for that post now (rule 4)."
        ),
    )
    handled_at_once = serializers.BooleanField(default=False)
    not_at_once_reason = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Required for an on-the-spot item that was not handled at once."),
    )

    inquiry = serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text=_(
            "The rule 1 inquiry the application came from; the case is linked to it and it is closed."
        ),
    )

    def validate_inquiry(self, value):
        # The opener is registered by the inquiries app; without it the field is
        # refused rather than dropped unseen.
        if value is not None and case_source("inquiry") is None:
            raise serializers.ValidationError(_("Inquiries are not recorded in this system."))
        return value


class InstructionCaseCreateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=[CaseKind.INSTRUCTION])
    title = serializers.CharField(max_length=200)
    due_date = serializers.DateField()
    instruction = serializers.CharField(required=False, allow_blank=True, default="")
    leader = serializers.CharField(max_length=50)
    handler = serializers.PrimaryKeyRelatedField(queryset=Staff.objects.active())


_case_create = PolymorphicProxySerializer(
    component_name="CaseCreate",
    serializers=[ServiceCaseCreateSerializer, InstructionCaseCreateSerializer],
    resource_type_field_name=None,
)


class ExtensionSerializer(serializers.ModelSerializer):
    case_number = serializers.CharField(source="case.number", read_only=True)

    class Meta:
        model = Extension
        fields = [
            "id",
            "case",
            "case_number",
            "days",
            "reason",
            "status",
            "requested_by",
            "requested_at",
            "decide_by",
            "decided_by",
            "decided_at",
            "decision_note",
            "due_before",
            "due_after",
        ]
        read_only_fields = fields


class ExtensionRequestSerializer(serializers.Serializer):
    days = serializers.IntegerField(min_value=1, max_value=365, help_text=_("Working days to add."))
    reason = serializers.CharField(allow_blank=True, help_text=_("The applicant is told it."))


class ExtensionDecisionSerializer(serializers.Serializer):
    note = serializers.CharField(
        required=False, allow_blank=True, default="", help_text=_("Required to reject.")
    )


@extend_schema_view(
    list=extend_schema(summary=_("Cases the user may see")),
    retrieve=extend_schema(summary=_("One case")),
)
class CaseViewSet(
    RevealContactOnRetrieveMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Cases (办件). Supervisors see every case; a section chief their section's;
    anyone else the cases they handle or received."""

    permission_classes = [IsStaffMember]
    serializer_class = CaseSerializer
    filterset_class = CaseFilter

    def get_queryset(self):
        return cases_visible_to(self.request.user)

    reveal_permission = "deadlines.see_applicant_contact"

    def reveal_contact(self, case):
        return services.case_reveal_contact(actor=self.request.user, case=case)

    def _case_response(self, case, code=status.HTTP_200_OK):
        return Response(self.get_serializer(self.get_queryset().get(pk=case.pk)).data, status=code)

    @extend_schema(
        summary=_("Receive an application, or open a leader's instruction"),
        description=_(
            "An application: `service_item`, `applicant_name`, `applicant_phone`. A leader's instruction: "
            '`kind: "instruction"` with `title`, `due_date`, `leader` and `handler`.'
        ),
        request=_case_create,
        responses={201: CaseSerializer, 409: CONFLICT},
    )
    def create(self, request):
        # A role that may open neither kind is refused before its payload is read.
        may_receive = request.user.has_perm("deadlines.open_case")
        may_instruct = request.user.has_perm("deadlines.open_instructions")
        if not (may_receive or may_instruct):
            raise PermissionDenied
        if request.data.get("kind") == CaseKind.INSTRUCTION:
            if not may_instruct:
                raise PermissionDenied
            payload = InstructionCaseCreateSerializer(data=request.data)
            payload.is_valid(raise_exception=True)
            data = {**payload.validated_data}
            del data["kind"]
            case = services.case_open_instruction(actor=request.user, **data)
        else:
            if not may_receive:
                raise PermissionDenied
            payload = ServiceCaseCreateSerializer(data=request.data)
            payload.is_valid(raise_exception=True)
            data = {**payload.validated_data}
            del data["kind"]
            inquiry = data.pop("inquiry", None)
            if inquiry is not None:
                case = case_source("inquiry")(request.user, inquiry, **data)
            else:
                case = services.case_open(actor=request.user, **data)
        return self._case_response(case, status.HTTP_201_CREATED)

    @extend_schema(
        summary=_("The handler starts work on the case"),
        request=None,
        responses={200: CaseSerializer, 409: CONFLICT},
    )
    @action(detail=True, methods=["post"])
    def start(self, request, pk=None):
        return self._case_response(services.case_start(actor=request.user, case=self.get_object()))

    @extend_schema(
        summary=_("The handler completes the case"),
        request=None,
        responses={200: CaseSerializer, 409: CONFLICT},
    )
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        return self._case_response(services.case_complete(actor=request.user, case=self.get_object()))

    @extend_schema(
        methods=["GET"],
        summary=_("The case's extension requests, newest first"),
        responses=ExtensionSerializer(many=True),
    )
    @extend_schema(
        methods=["POST"],
        summary=_("The handler asks the section chief for more working days"),
        request=ExtensionRequestSerializer,
        responses={201: ExtensionSerializer, 409: CONFLICT},
    )
    @action(detail=True, methods=["get", "post"], filter_backends=[])
    def extensions(self, request, pk=None):
        case = self.get_object()
        if request.method == "GET":
            page = self.paginate_queryset(case.extensions.select_related("case"))
            return self.get_paginated_response(ExtensionSerializer(page, many=True).data)
        require(request.user, "deadlines.work_case", case)
        payload = ExtensionRequestSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        extension = services.extension_request(actor=request.user, case=case, **payload.validated_data)
        return Response(ExtensionSerializer(extension).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(summary=_("Extension requests of the cases the user may see")),
    retrieve=extend_schema(summary=_("One extension request")),
)
class ExtensionViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Extension requests (延期). Only the chief of the case's section decides,
    and never on their own request."""

    permission_classes = [IsStaffMember]
    serializer_class = ExtensionSerializer
    filterset_fields = ["status", "case"]

    def get_queryset(self):
        return extensions_visible_to(self.request.user)

    @extend_schema(
        summary=_("The section chief approves: the due date moves and the applicant is told why"),
        request=ExtensionDecisionSerializer,
        responses={200: ExtensionSerializer, 409: CONFLICT},
    )
    @action(detail=True, methods=["post"], filter_backends=[])
    def approve(self, request, pk=None):
        return self._decide(request, services.extension_approve)

    @extend_schema(
        summary=_("The section chief rejects, with the reason in `note`"),
        request=ExtensionDecisionSerializer,
        responses={200: ExtensionSerializer, 409: CONFLICT},
    )
    @action(detail=True, methods=["post"], filter_backends=[])
    def reject(self, request, pk=None):
        return self._decide(request, services.extension_reject)

    def _decide(self, request, decide):
        extension = self.get_object()
        require(request.user, "deadlines.decide_extension", extension)
        payload = ExtensionDecisionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        extension = decide(actor=request.user, extension=extension, **payload.validated_data)
        return Response(self.get_serializer(self.get_queryset().get(pk=extension.pk)).data)
