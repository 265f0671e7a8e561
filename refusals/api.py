"""Refusals in the API: ``refusals/``, ``refusals/{id}/``, ``refusals/{id}/confirm/``,
``refusals/{id}/overturn/`` and ``refusals/{id}/pdf/``.

A refusal the user may not see is 404; one they see but may not decide (the
officer, a supervisor) is 403, before its body is read; a second decision is 409.
The refusal notice's PDF is given as the page's is: 409 until the chief
confirmed it (unless decided at the window), and once overturned.
"""

import django_filters
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from core.api import BAD_INPUT, CONFLICT, FORBIDDEN, NOT_FOUND, PDFRenderer
from core.errors import require
from core.paper import sheet_pdf
from deadlines.models import Case
from deadlines.selectors import cases_visible_to
from inquiries.models import Inquiry
from inquiries.selectors import inquiries_visible_to
from org.models import Department, Staff
from org.permissions import IsStaffMember
from refusals import selectors, services
from refusals.models import Refusal, RefusalKind, RefusalStatus
from refusals.paper import notice_of


class RefusalApiFilter(django_filters.FilterSet):
    department = django_filters.ModelChoiceFilter(queryset=Department.objects.all(), label=_("section"))
    officer = django_filters.ModelChoiceFilter(queryset=Staff.objects.all(), label=_("officer"))
    kind = django_filters.ChoiceFilter(choices=RefusalKind.choices, label=_("kind"))
    status = django_filters.ChoiceFilter(choices=RefusalStatus.choices, label=_("status"))
    filed_after = django_filters.DateFilter(
        field_name="filed_at", lookup_expr="date__gte", label=_("filed on or after")
    )
    filed_before = django_filters.DateFilter(
        field_name="filed_at", lookup_expr="date__lte", label=_("filed on or before")
    )

    class Meta:
        model = Refusal
        fields = ["department", "officer", "kind", "status", "filed_after", "filed_before"]


class RefusalSerializer(serializers.ModelSerializer):
    matter_number = serializers.CharField(read_only=True, help_text=_("The case's or inquiry's number."))
    officer_name = serializers.CharField(source="officer.name", read_only=True)
    decided_by_name = serializers.CharField(
        source="decided_by.name", read_only=True, allow_null=True, default=None
    )

    class Meta:
        model = Refusal
        fields = [
            "id",
            "number",
            "kind",
            "status",
            "case",
            "inquiry",
            "notice",
            "matter_number",
            "matter",
            "department",
            "service_item",
            "applicant_name",
            "facts",
            "reason",
            "legal_basis",
            "cure",
            "officer",
            "officer_name",
            "filed_at",
            "on_the_spot",
            "notice_given_at",
            "review_due",
            "decided_by",
            "decided_by_name",
            "decided_at",
            "opinion",
        ]
        read_only_fields = fields


class MatterSerializer(serializers.Serializer):
    """The matter refused, read first: who may not refuse it is 403 whatever else the body says."""

    case = serializers.PrimaryKeyRelatedField(
        queryset=Case.objects.none(),
        required=False,
        allow_null=True,
        help_text=_("The case refused (or give `inquiry`)."),
    )
    inquiry = serializers.PrimaryKeyRelatedField(
        queryset=Inquiry.objects.none(),
        required=False,
        allow_null=True,
        help_text=_("The application inquiry refused (or give `case`)."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is None:  # the schema generator describes the fields
            return
        self.fields["case"].queryset = cases_visible_to(request.user)
        self.fields["inquiry"].queryset = inquiries_visible_to(request.user)

    def validate(self, attrs):
        if (attrs.get("case") is None) == (attrs.get("inquiry") is None):
            raise serializers.ValidationError({"case": _("A refusal is of one case or one inquiry.")})
        return attrs


class RefusalCreateSerializer(MatterSerializer):
    kind = serializers.ChoiceField(choices=RefusalKind.choices)
    facts = serializers.CharField(help_text=_("The facts the refusal rests on."))
    reason = serializers.CharField()
    legal_basis = serializers.CharField(help_text=_("The rule the refusal rests on: required."))
    cure = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text=_("What the applicant would still need, when that would cure it."),
    )


class DecisionSerializer(serializers.Serializer):
    opinion = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text=_("The chief's opinion: optional to confirm, required to overturn (the officer is told)."),
    )


@extend_schema_view(
    list=extend_schema(summary=_("Refusals the user may see")),
    retrieve=extend_schema(summary=_("One refusal"), responses={200: RefusalSerializer, 404: NOT_FOUND}),
)
class RefusalViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Refusals (否定报备). Supervisors see every refusal, a section chief their
    section's, anyone else those they filed. Only the chief of the matter's
    section decides, never the officer, and once."""

    permission_classes = [IsStaffMember]
    serializer_class = RefusalSerializer
    filterset_class = RefusalApiFilter

    def get_queryset(self):
        return selectors.refusals_visible_to(self.request.user).order_by("-filed_at", "-id")

    def get_object(self):
        refusal = super().get_object()
        if not self.request.user.has_perm("refusals.view_refusal", refusal):
            raise NotFound
        return refusal

    def _refusal_response(self, refusal, code=status.HTTP_200_OK):
        return Response(self.get_serializer(self.get_queryset().get(pk=refusal.pk)).data, status=code)

    @extend_schema(
        summary=_("File a refusal of a case or an application inquiry, which refuses it"),
        description=_(
            "`case` or `inquiry`, `kind` (`not_accepted`, `not_granted`), `facts`, `reason`, "
            "`legal_basis` (required) and `cure`. The section chief is asked to review it."
        ),
        request=RefusalCreateSerializer,
        responses={201: RefusalSerializer, 400: BAD_INPUT, 403: FORBIDDEN, 409: CONFLICT},
    )
    def create(self, request):
        matter = MatterSerializer(data=request.data, context={"request": request})
        if matter.is_valid():
            data = matter.validated_data
            require(request.user, "refusals.file_refusal", data.get("case") or data.get("inquiry"))
        payload = RefusalCreateSerializer(data=request.data, context={"request": request})
        payload.is_valid(raise_exception=True)
        refusal = services.refusal_file(actor=request.user, **payload.validated_data)
        return self._refusal_response(refusal, status.HTTP_201_CREATED)

    @extend_schema(
        summary=_("The section chief confirms the refusal"),
        request=DecisionSerializer,
        responses={200: RefusalSerializer, 403: FORBIDDEN, 404: NOT_FOUND, 409: CONFLICT},
    )
    @action(detail=True, methods=["post"], filter_backends=[])
    def confirm(self, request, pk=None):
        return self._decide(request, services.refusal_confirm)

    @extend_schema(
        summary=_("The section chief overturns the refusal: the matter is open again"),
        request=DecisionSerializer,
        responses={200: RefusalSerializer, 400: BAD_INPUT, 403: FORBIDDEN, 404: NOT_FOUND, 409: CONFLICT},
    )
    @action(detail=True, methods=["post"], filter_backends=[])
    def overturn(self, request, pk=None):
        return self._decide(request, services.refusal_overturn)

    def _decide(self, request, decide):
        refusal = self.get_object()
        require(request.user, "refusals.decide_refusal", refusal)
        payload = DecisionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        refusal = decide(actor=request.user, refusal=refusal, **payload.validated_data)
        return self._refusal_response(refusal)

    @extend_schema(
        summary=_("The refusal notice as a printable PDF (A4, in Chinese)"),
        description=_(
            "Giving it to the applicant: the first time is recorded, later ones are copies. "
            "409 until the section chief confirmed the refusal (unless decided at the window), "
            "and once it is overturned."
        ),
        responses={(200, "application/pdf"): OpenApiTypes.BINARY, 404: NOT_FOUND, 409: CONFLICT},
    )
    @action(detail=True, methods=["get"], renderer_classes=[JSONRenderer, PDFRenderer], filter_backends=[])
    def pdf(self, request, pk=None):
        refusal = self.get_object()
        given = services.refusal_notice_give(actor=request.user, refusal=refusal)
        refusal.notice_given_at = given.notice_given_at
        response = HttpResponse(sheet_pdf(notice_of(refusal)), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{refusal.number}.pdf"'
        return response
