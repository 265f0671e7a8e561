"""One-time notices in the API: ``notices/``, ``notices/{id}/pdf/``,
``notices/{id}/visits/`` and ``notices/{id}/open-case/``.

Materials are named by their ids in the service catalogue (the ids of
``service-items/``): a notice is created with the ``missing_materials`` of
the item's version in force, and a visit says which of them were
``brought``. A notice the user may not see is 404; one they see but may not
act on is 403; a state that does not allow the change is 409.
"""

from django.db.models import Count
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from commitments.models import ServiceItem
from core.api import CONFLICT, PDFRenderer, RevealContactOnRetrieveMixin
from core.errors import require
from core.paper import sheet_pdf
from deadlines.models import Case
from deadlines.selectors import cases_visible_to, intake_items
from deadlines.serializers import CaseSerializer
from deadlines.validators import phone_validator
from inquiries.models import Inquiry
from inquiries.selectors import inquiries_visible_to
from notifications import selectors, services
from notifications.filters import NoticeFilter
from notifications.models import MaterialState, Notice, NoticeFailure, NoticeKind, NoticeMaterial, NoticeVisit
from notifications.paper import paper_of
from org.models import Staff
from org.permissions import IsStaffMember


class NoticeMaterialSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(source="material_id", help_text=_("The material's id in the catalogue."))
    state = serializers.ChoiceField(
        choices=MaterialState.choices,
        read_only=True,
        help_text=_(
            "missing (still to bring), brought (when issued or on a visit), or not_applicable to this "
            "applicant (with `not_applicable_reason`)."
        ),
    )

    class Meta:
        model = NoticeMaterial
        fields = [
            "id",
            "name",
            "form",
            "copies",
            "source",
            "notes",
            "condition",
            "state",
            "brought_at",
            "not_applicable_reason",
        ]
        read_only_fields = fields


class NotApplicableSerializer(serializers.Serializer):
    material = serializers.IntegerField(help_text=_("A catalogue material's id."))
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=300,
        help_text=_(
            "Why it does not apply to this applicant. Required, but for a conditional material, whose "
            "condition is taken when it is left out."
        ),
    )


def _reasons(entries) -> dict:
    return {entry["material"]: entry["reason"] for entry in entries}


class NoticeSerializer(serializers.ModelSerializer):
    item_name = serializers.CharField(source="item_version.name", read_only=True)
    issued_by_name = serializers.CharField(source="issued_by.name", read_only=True)
    visitor_phone = serializers.SerializerMethodField(
        help_text=_(
            "Masked (138****5678), but in one notice's GET for a reader who deals with the visitor "
            "(the sight is logged)."
        )
    )
    materials = NoticeMaterialSerializer(
        many=True,
        read_only=True,
        help_text=_(
            "Every material of the item's version, each with its state (and reason when not applicable)."
        ),
    )
    missing_materials = serializers.SerializerMethodField(
        help_text=_(
            "The materials the notice lists as missing when issued, each with its state now and when it was "
            "brought (null: not yet)."
        )
    )
    brought_at_issue = serializers.SerializerMethodField(
        help_text=_("Ids of the materials the visitor had brought when the notice was issued.")
    )
    failures = serializers.IntegerField(
        source="failure_count", read_only=True, help_text=_("Notice failures recorded on it.")
    )

    class Meta:
        model = Notice
        fields = [
            "id",
            "number",
            "kind",
            "status",
            "service_item",
            "item_version",
            "item_name",
            "inquiry",
            "case",
            "department",
            "visitor_name",
            "visitor_phone",
            "issued_by",
            "issued_by_name",
            "issued_at",
            "materials",
            "missing_materials",
            "brought_at_issue",
            "reason",
            "rule",
            "note",
            "completed_at",
            "closed_at",
            "failures",
        ]
        read_only_fields = fields

    def get_visitor_phone(self, notice) -> str:
        return selectors.visitor_phone(notice, revealed=self.context.get("reveal_contact", False))

    @extend_schema_field(NoticeMaterialSerializer(many=True))
    def get_missing_materials(self, notice):
        return NoticeMaterialSerializer(
            [row for row in notice.materials.all() if row.missing], many=True
        ).data

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_brought_at_issue(self, notice):
        return [
            row.material_id for row in notice.materials.all() if not row.missing and not row.not_applicable
        ]


class NoticeCreateSerializer(serializers.Serializer):
    inquiry = serializers.PrimaryKeyRelatedField(
        queryset=Inquiry.objects.none(),
        required=False,
        allow_null=True,
        help_text=_("The inquiry it answers (or give `case`)."),
    )
    case = serializers.PrimaryKeyRelatedField(
        queryset=Case.objects.none(),
        required=False,
        allow_null=True,
        help_text=_("The case it is issued on (or give `inquiry`)."),
    )
    service_item = serializers.PrimaryKeyRelatedField(
        queryset=ServiceItem.objects.none(),
        required=False,
        allow_null=True,
        help_text=_("The item; for an inquiry, the one it names when left out; for a case, the case's."),
    )
    kind = serializers.ChoiceField(choices=NoticeKind.choices, default=NoticeKind.MISSING)
    missing_materials = serializers.ListField(
        child=serializers.IntegerField(),
        required=False,
        help_text=_("Ids of the materials of the item's version in force that are missing."),
    )
    not_applicable = NotApplicableSerializer(
        many=True,
        required=False,
        default=list,
        help_text=_("Materials that do not apply to this applicant, each with the reason."),
    )
    reason = serializers.CharField(
        required=False, allow_blank=True, default="", help_text=_("Required when it cannot be accepted.")
    )
    rule = serializers.CharField(
        required=False, allow_blank=True, default="", help_text=_("Required when it cannot be accepted.")
    )
    note = serializers.CharField(required=False, allow_blank=True, default="")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is None:  # the schema generator describes the fields
            return
        self.fields["inquiry"].queryset = inquiries_visible_to(request.user)
        self.fields["case"].queryset = cases_visible_to(request.user)
        self.fields["service_item"].queryset = intake_items()


class DemandSerializer(serializers.Serializer):
    material = serializers.IntegerField(
        required=False, allow_null=True, help_text=_("A catalogue material's id.")
    )
    name = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=200,
        help_text=_("Or its name, when the catalogue has none."),
    )

    def validate(self, attrs):
        if attrs.get("material") is None and not attrs.get("name", "").strip():
            raise serializers.ValidationError(_("Give the material's id or its name."))
        return attrs


class VisitCreateSerializer(serializers.Serializer):
    brought = serializers.ListField(
        child=serializers.IntegerField(),
        required=False,
        default=list,
        help_text=_("Ids of the listed materials the visitor brought."),
    )
    not_applicable = NotApplicableSerializer(
        many=True,
        required=False,
        default=list,
        help_text=_(
            "Listed materials still missing that turned out not to apply to this applicant, with the reason."
        ),
    )
    demanded = DemandSerializer(
        many=True,
        required=False,
        default=list,
        help_text=_(
            "Materials asked for that the notice did not list: refused unless the section chief overrides."
        ),
    )
    override_reason = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text=_(
            "The section chief's reason; the demand is recorded as a notice failure against the issuer."
        ),
    )
    note = serializers.CharField(required=False, allow_blank=True, default="")


class FailureSerializer(serializers.ModelSerializer):
    class Meta:
        model = NoticeFailure
        fields = ["id", "material", "name", "staff", "department", "overridden_by", "reason", "at"]
        read_only_fields = fields


class VisitSerializer(serializers.ModelSerializer):
    brought = serializers.SerializerMethodField(help_text=_("Ids of the materials brought on this visit."))
    not_applicable = serializers.SerializerMethodField(
        help_text=_("Ids of the materials settled on this visit as not applicable to this applicant.")
    )
    failures = FailureSerializer(many=True, read_only=True)

    class Meta:
        model = NoticeVisit
        fields = [
            "id",
            "notice",
            "at",
            "recorded_by",
            "note",
            "complete",
            "brought",
            "not_applicable",
            "failures",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_brought(self, visit):
        return [row.material_id for row in visit.brought.all()]

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_not_applicable(self, visit):
        return [row.material_id for row in visit.not_applicable.all()]


class OpenCaseSerializer(serializers.Serializer):
    handler = serializers.PrimaryKeyRelatedField(
        queryset=Staff.objects.active(), required=False, allow_null=True
    )
    applicant_name = serializers.CharField(
        required=False, allow_blank=True, default="", help_text=_("The visitor's name when left out.")
    )
    applicant_phone = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=20, validators=[phone_validator]
    )
    handled_at_once = serializers.BooleanField(default=False)
    not_at_once_reason = serializers.CharField(required=False, allow_blank=True, default="")


@extend_schema_view(
    list=extend_schema(summary=_("One-time notices the user may see")),
    retrieve=extend_schema(summary=_("One notice")),
)
class NoticeViewSet(
    RevealContactOnRetrieveMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """One-time notices (一次性告知单). Supervisors and the front desk see every
    notice; other staff those they issued, their section's, and those of the
    inquiries and cases they answer for."""

    permission_classes = [IsStaffMember]
    serializer_class = NoticeSerializer
    filterset_class = NoticeFilter

    def get_queryset(self):
        return (
            selectors.notices_visible_to(self.request.user)
            .select_related("inquiry", "case")
            .prefetch_related("materials")
            .annotate(failure_count=Count("failures"))
            .order_by("-issued_at", "-id")
        )

    reveal_permission = "notifications.see_visitor_contact"

    def reveal_contact(self, notice):
        return services.notice_reveal_contact(actor=self.request.user, notice=notice)

    def _notice_response(self, notice, code=status.HTTP_200_OK):
        return Response(self.get_serializer(self.get_queryset().get(pk=notice.pk)).data, status=code)

    def _may_view(self, notice):
        if not self.request.user.has_perm("notifications.view_notice", notice):
            raise PermissionDenied

    def get_object(self):
        notice = super().get_object()
        self._may_view(notice)
        return notice

    @extend_schema(
        summary=_("Issue a notice from an inquiry or a case"),
        description=_(
            "Materials missing: `service_item`, `inquiry` or `case`, `missing_materials` (ids), and the "
            "materials `not_applicable` to this applicant with the reason. "
            'Cannot be accepted: `kind: "not_acceptable"` with `reason` and `rule`.'
        ),
        request=NoticeCreateSerializer,
        responses={201: NoticeSerializer, 409: CONFLICT},
    )
    def create(self, request):
        if not request.user.has_perm("notifications.issue_notice"):
            raise PermissionDenied
        payload = NoticeCreateSerializer(data=request.data, context={"request": request})
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        notice = services.notice_issue(
            actor=request.user,
            service_item=data.get("service_item"),
            inquiry=data.get("inquiry"),
            case=data.get("case"),
            kind=data["kind"],
            missing_material_ids=data.get("missing_materials"),
            not_applicable=_reasons(data["not_applicable"]),
            reason=data["reason"],
            rule=data["rule"],
            note=data["note"],
        )
        return self._notice_response(notice, status.HTTP_201_CREATED)

    @extend_schema(
        summary=_("The notice as a printable PDF (A4, in Chinese)"),
        responses={(200, "application/pdf"): OpenApiTypes.BINARY},
    )
    @action(detail=True, methods=["get"], renderer_classes=[JSONRenderer, PDFRenderer], filter_backends=[])
    def pdf(self, request, pk=None):
        notice = self.get_object()
        response = HttpResponse(sheet_pdf(paper_of(notice)), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{notice.number}.pdf"'
        return response

    @extend_schema(
        methods=["GET"],
        summary=_("The visits on the notice, oldest first"),
        responses=VisitSerializer(many=True),
    )
    @extend_schema(
        methods=["POST"],
        summary=_("The visitor came back: record what they brought"),
        description=_(
            "A material in `demanded` that the notice did not list is refused (400) unless the chief of "
            "the notice's section sends `override_reason`; it is then recorded as a notice failure "
            "against the issuer."
        ),
        request=VisitCreateSerializer,
        responses={201: VisitSerializer, 409: CONFLICT},
    )
    @action(detail=True, methods=["get", "post"], filter_backends=[])
    def visits(self, request, pk=None):
        notice = self.get_object()
        if request.method == "GET":
            page = self.paginate_queryset(selectors.visits_of(notice))
            return self.get_paginated_response(VisitSerializer(page, many=True).data)
        require(request.user, "notifications.record_visit", notice)
        payload = VisitCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        visit = services.notice_record_visit(
            actor=request.user,
            notice=notice,
            brought_ids=data["brought"],
            not_applicable=_reasons(data["not_applicable"]),
            demanded=[
                services.Demand(material=d.get("material"), name=d.get("name", "")) for d in data["demanded"]
            ],
            override_reason=data["override_reason"],
            note=data["note"],
        )
        return Response(VisitSerializer(visit).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary=_("The materials are complete: receive the application as a case"),
        request=OpenCaseSerializer,
        responses={201: CaseSerializer, 409: CONFLICT},
    )
    @action(detail=True, methods=["post"], url_path="open-case", filter_backends=[])
    def open_case(self, request, pk=None):
        notice = self.get_object()
        require(request.user, "notifications.open_case", notice)
        payload = OpenCaseSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        case = services.notice_open_case(actor=request.user, notice=notice, **payload.validated_data)
        case = cases_visible_to(request.user).filter(pk=case.pk).first() or case
        return Response(
            CaseSerializer(case, context={"request": request}).data, status=status.HTTP_201_CREATED
        )
