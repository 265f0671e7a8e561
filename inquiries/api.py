"""Inquiries in the API: ``inquiries/`` and ``inquiries/{id}/outcome/`` (api.md),
and ``transfers/{id}/acknowledge/``.

Every write goes through inquiries.services. An inquiry the user may not see
is 404; one they see but may not act on is 403; the visitor's phone and ID
number are masked, but in ``GET inquiries/{id}/`` for a reader who deals with
the visitor, where the sight is logged (inquiry_reveal_contact).
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from commitments.models import ServiceItem
from core.api import CONFLICT, BlankAsNullChoiceField, RevealContactOnRetrieveMixin
from core.errors import require
from deadlines.validators import phone_validator
from inquiries import services
from inquiries.filters import ApiInquiryFilter
from inquiries.forms import id_number_validator
from inquiries.models import Channel, Inquiry, InquiryKind, Outcome, ReferMode, Transfer
from inquiries.selectors import inquiries_visible_to, visitor_contact
from org.models import Department, Staff
from org.permissions import IsStaffMember
from org.predicates import staff_of


class TransferSerializer(serializers.ModelSerializer):
    class Meta:
        model = Transfer
        fields = ["id", "to", "by", "at", "note", "acknowledge_by", "acknowledged_at", "flagged"]
        read_only_fields = fields


class InquirySerializer(serializers.ModelSerializer):
    visitor_phone = serializers.SerializerMethodField(
        help_text=_(
            "Masked (138****5678), but in one inquiry's GET for a reader who deals with the visitor "
            "(the sight is logged)."
        )
    )
    visitor_id_number = serializers.SerializerMethodField(
        help_text=_(
            "Masked (110105********1234), but in one inquiry's GET for a reader who deals with the visitor "
            "(the sight is logged)."
        )
    )
    asked_staff = serializers.SerializerMethodField(
        help_text=_("The staff asked together, in the order entered.")
    )
    transfer = serializers.SerializerMethodField()
    outcome = BlankAsNullChoiceField(
        choices=Outcome.choices, read_only=True, help_text=_("null while the inquiry awaits an outcome.")
    )
    refer_mode = BlankAsNullChoiceField(
        choices=ReferMode.choices, read_only=True, help_text=_("null unless referred to another section.")
    )

    class Meta:
        model = Inquiry
        fields = [
            "id",
            "number",
            "channel",
            "kind",
            "status",
            "first_responder",
            "tie_settled",
            "asked_staff",
            "department",
            "visitor_name",
            "visitor_phone",
            "visitor_id_number",
            "subject",
            "description",
            "service_item",
            "asked_at",
            "outcome_due",
            "outcome",
            "outcome_note",
            "outcome_at",
            "outcome_by",
            "refer_department",
            "refer_mode",
            "external_department",
            "transfer",
            "case",
            "flagged",
            "closed_at",
        ]
        read_only_fields = fields

    def _contact(self, inquiry):
        return visitor_contact(inquiry, revealed=self.context.get("reveal_contact", False))

    def get_visitor_phone(self, inquiry) -> str:
        return self._contact(inquiry)["phone"]

    def get_visitor_id_number(self, inquiry) -> str:
        return self._contact(inquiry)["id_number"]

    def get_asked_staff(self, inquiry) -> list[int]:
        return [asked.staff_id for asked in inquiry.asked.all()]

    def get_transfer(self, inquiry) -> dict | None:
        try:
            return TransferSerializer(inquiry.transfer).data
        except Transfer.DoesNotExist:
            return None


class InquiryCreateSerializer(serializers.Serializer):
    channel = serializers.ChoiceField(choices=Channel.choices)
    kind = serializers.ChoiceField(choices=InquiryKind.choices)
    visitor_name = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    visitor_phone = serializers.CharField(
        max_length=20, required=False, allow_blank=True, default="", validators=[phone_validator]
    )
    visitor_id_number = serializers.CharField(
        max_length=18,
        required=False,
        allow_blank=True,
        default="",
        validators=[id_number_validator],
        help_text=_("Enter the 18-character ID number (the last may be X), or the old 15-digit one."),
    )
    subject = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    asked_staff = serializers.PrimaryKeyRelatedField(
        queryset=Staff.objects.select_related("user"),
        many=True,
        allow_empty=False,
        help_text=_("Ids of the staff asked together at the first contact, in any order."),
    )
    first_responder = serializers.PrimaryKeyRelatedField(
        queryset=Staff.objects.all(),
        required=False,
        allow_null=True,
        help_text=_("Only when several of the highest rank were asked: which of them the desk chose."),
    )
    service_item = serializers.PrimaryKeyRelatedField(
        queryset=ServiceItem.objects.published(), required=False, allow_null=True
    )


class OutcomeSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="")
    transfer_to = serializers.PrimaryKeyRelatedField(
        queryset=Staff.objects.select_related("user"), required=False, allow_null=True
    )
    refer_department = serializers.PrimaryKeyRelatedField(
        queryset=Department.objects.all(), required=False, allow_null=True
    )
    refer_mode = serializers.ChoiceField(choices=ReferMode.choices, required=False, default=ReferMode.GUIDED)
    external_department = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    visitor_phone = serializers.CharField(
        max_length=20,
        required=False,
        allow_blank=True,
        default="",
        validators=[phone_validator],
        help_text=_("For a transfer, when the visitor's contact was not taken at the desk."),
    )


@extend_schema_view(
    list=extend_schema(summary=_("Inquiries the user may see")),
    retrieve=extend_schema(summary=_("One inquiry")),
)
class InquiryViewSet(
    RevealContactOnRetrieveMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Inquiries (首问登记). Supervisors see every one; a section chief their
    section's; anyone else those they logged, were asked or answer for. Reports
    and complaints only to who took them, the section's chief and supervisors."""

    permission_classes = [IsStaffMember]
    serializer_class = InquirySerializer
    filterset_class = ApiInquiryFilter

    def get_queryset(self):
        return (
            inquiries_visible_to(self.request.user)
            .select_related("transfer")
            .prefetch_related("asked")
            .order_by("-asked_at", "-id")
        )

    reveal_permission = "inquiries.see_visitor_contact"

    def reveal_contact(self, inquiry):
        return services.inquiry_reveal_contact(actor=self.request.user, inquiry=inquiry)

    def _response(self, inquiry, code=status.HTTP_200_OK):
        return Response(self.get_serializer(self.get_queryset().get(pk=inquiry.pk)).data, status=code)

    @extend_schema(
        summary=_("Log an inquiry; the first responder is computed from the staff asked"),
        request=InquiryCreateSerializer,
        responses={201: InquirySerializer},
    )
    def create(self, request):
        if not request.user.has_perm("inquiries.log_inquiry"):
            raise PermissionDenied
        payload = InquiryCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        inquiry = services.inquiry_log(actor=request.user, **payload.validated_data)
        return self._response(inquiry, status.HTTP_201_CREATED)

    @extend_schema(
        summary=_("The first responder's outcome"),
        description=_(
            "`outcome`: handled, notice, transfer (with `transfer_to`), refer (with `refer_department`) or "
            "external (with `external_department` when known, and `note`)."
        ),
        request=OutcomeSerializer,
        responses={200: InquirySerializer, 409: CONFLICT},
    )
    @action(detail=True, methods=["post"], filter_backends=[])
    def outcome(self, request, pk=None):
        inquiry = self.get_object()
        require(request.user, "inquiries.record_outcome", inquiry)
        payload = OutcomeSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        services.inquiry_record_outcome(actor=request.user, inquiry=inquiry, **payload.validated_data)
        return self._response(inquiry)


@extend_schema_view(
    list=extend_schema(summary=_("Inquiries transferred to me")),
    retrieve=extend_schema(summary=_("One transfer")),
)
class TransferViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Transfers (受理转交) to the user, who acknowledges them."""

    permission_classes = [IsStaffMember]
    serializer_class = TransferSerializer
    filterset_fields = ["flagged"]

    def get_queryset(self):
        me = staff_of(self.request.user)
        return Transfer.objects.filter(to=me).order_by("acknowledge_by", "id")

    @extend_schema(
        summary=_("The handler acknowledges a transfer"),
        request=None,
        responses={200: TransferSerializer, 409: CONFLICT},
    )
    @action(detail=True, methods=["post"])
    def acknowledge(self, request, pk=None):
        transfer = services.transfer_acknowledge(actor=request.user, transfer=self.get_object())
        return Response(self.get_serializer(transfer).data)
