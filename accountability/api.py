"""Rule 7 in the API: ``complaints/`` and ``accountability-records/``.

Anyone may file a complaint, without login, as often as the ``complaint``
throttle lets one address; reading and handling them is for supervisors (403
for any other role, before the body is read). A record the caller may not see
is 404; one they see but may not act on (explain, appeal, decide) is 403; a
step the record's state refuses is 409. Every write goes through the services.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle

from accountability import selectors, services_complaints, services_records
from accountability.filters_api import ComplaintApiFilter, RecordApiFilter
from accountability.models import ComplaintChannel, Decision
from accountability.serializers import (
    AppealDecisionSerializer,
    ComplaintAnswerSerializer,
    ComplaintCreateSerializer,
    ComplaintDeclineSerializer,
    ComplaintExtendSerializer,
    ComplaintFiledSerializer,
    ComplaintSerializer,
    DecideRecordSerializer,
    RecordAppealSerializer,
    RecordExplainSerializer,
    RecordSerializer,
)
from core.api import BAD_INPUT, CONFLICT, FORBIDDEN, NOT_FOUND, THROTTLED, UNAUTHENTICATED
from core.errors import require
from core.http import ClientAddressThrottleMixin
from org.permissions import IsStaffMember, rule_permission
from org.predicates import is_supervisor


class ComplaintThrottle(ClientAddressThrottleMixin, AnonRateThrottle):
    """Complaints filed without login, counted per client address (the public form's limit)."""

    scope = "complaint"

    def get_rate(self):
        # Read when asked, not when imported: a changed setting is seen without a restart.
        return api_settings.DEFAULT_THROTTLE_RATES[self.scope]


@extend_schema_view(
    list=extend_schema(summary=_("Efficiency complaints (supervisors)")),
    retrieve=extend_schema(summary=_("One efficiency complaint"), responses={200: ComplaintSerializer}),
)
class ComplaintViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Efficiency complaints (效能投诉). Anyone files one; supervisors accept or
    decline it, extend it once and answer it. The complainant's phone is masked."""

    serializer_class = ComplaintSerializer
    filterset_class = ComplaintApiFilter

    def get_permissions(self):
        if self.action == "create":
            return [AllowAny()]
        return [IsStaffMember(), rule_permission("accountability.view_complaint")()]

    def get_throttles(self):
        return [ComplaintThrottle()] if self.action == "create" else []

    def get_queryset(self):
        return selectors.complaints_for(self.request.user).order_by("-received_at", "-id")

    @extend_schema(
        summary=_("File an efficiency complaint, with or without login"),
        description=_(
            "`subject`, `description`, `complainant_name` and `complainant_phone` (unless `anonymous`: "
            "an anonymous complaint gets no reply), optional `about_staff`, `about_department`, "
            "`about_number`. Without login it is limited per address (429 past it). The answer is the "
            "number to track it by and the day it is to be accepted or declined by."
        ),
        request=ComplaintCreateSerializer,
        responses={
            201: ComplaintFiledSerializer,
            400: BAD_INPUT,
            401: UNAUTHENTICATED,
            403: FORBIDDEN,
            429: THROTTLED,
        },
    )
    def create(self, request):
        payload = ComplaintCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        # Staff filing through the API are logged as staff by the service; anyone else came by the API.
        complaint = services_complaints.complaint_file(
            actor=request.user, channel=ComplaintChannel.API, **payload.validated_data
        )
        return Response(ComplaintFiledSerializer(complaint).data, status=status.HTTP_201_CREATED)

    def _answer(self, complaint):
        return Response(self.get_serializer(self.get_queryset().get(pk=complaint.pk)).data)

    def _act(self, request, serializer_class, act):
        complaint = self.get_object()
        require(request.user, "accountability.handle_complaint", complaint)
        fields = {}
        if serializer_class is not None:
            payload = serializer_class(data=request.data)
            payload.is_valid(raise_exception=True)
            fields = payload.validated_data
        return self._answer(act(actor=request.user, complaint=complaint, **fields))

    @extend_schema(
        summary=_("Accept the complaint: the answer is due within the set working days"),
        request=None,
        responses={200: ComplaintSerializer, 403: FORBIDDEN, 404: NOT_FOUND, 409: CONFLICT},
    )
    @action(detail=True, methods=["post"], filter_backends=[])
    def accept(self, request, pk=None):
        return self._act(request, None, services_complaints.complaint_accept)

    @extend_schema(
        summary=_("Decline the complaint, with the reason the complainant is told"),
        request=ComplaintDeclineSerializer,
        responses={200: ComplaintSerializer, 400: BAD_INPUT, 403: FORBIDDEN, 404: NOT_FOUND, 409: CONFLICT},
    )
    @action(detail=True, methods=["post"], filter_backends=[])
    def decline(self, request, pk=None):
        return self._act(request, ComplaintDeclineSerializer, services_complaints.complaint_decline)

    @extend_schema(
        summary=_("Extend the answer once, with a reason, to the longer limit"),
        request=ComplaintExtendSerializer,
        responses={200: ComplaintSerializer, 400: BAD_INPUT, 403: FORBIDDEN, 404: NOT_FOUND, 409: CONFLICT},
    )
    @action(detail=True, methods=["post"], filter_backends=[])
    def extend(self, request, pk=None):
        return self._act(request, ComplaintExtendSerializer, services_complaints.complaint_extend)

    @extend_schema(
        summary=_("Answer the complaint; upheld against someone, it opens their record"),
        request=ComplaintAnswerSerializer,
        responses={200: ComplaintSerializer, 400: BAD_INPUT, 403: FORBIDDEN, 404: NOT_FOUND, 409: CONFLICT},
    )
    @action(detail=True, methods=["post"], filter_backends=[])
    def answer(self, request, pk=None):
        return self._act(request, ComplaintAnswerSerializer, services_complaints.complaint_answer)


@extend_schema_view(
    list=extend_schema(summary=_("Accountability records the user may see")),
    retrieve=extend_schema(
        summary=_("One accountability record"), responses={200: RecordSerializer, 404: NOT_FOUND}
    ),
)
class RecordViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Accountability records (问责记录). A staff member sees their own, a section
    chief their section's, supervisors every one. The person responsible (the
    chief, for a section's record) explains, appeals and acknowledges;
    supervisors decide, and correct a decision with a reason."""

    permission_classes = [IsStaffMember]
    serializer_class = RecordSerializer
    filterset_class = RecordApiFilter

    def get_queryset(self):
        decisions = Decision.objects.select_related("decided_by", "measure").order_by("decided_at", "pk")
        return (
            selectors.records_for(self.request.user)
            .select_related("appeal")
            .prefetch_related(Prefetch("decisions", queryset=decisions))
            .order_by("-opened_at", "-id")
        )

    def _answer(self, record):
        return Response(self.get_serializer(self.get_queryset().get(pk=record.pk)).data)

    def _act(self, request, perm, serializer_class, act, *, role=None):
        # A role that may never act (only supervisors decide) is refused before the record is looked up.
        if role is not None and not role(request.user):
            raise PermissionDenied
        record = self.get_object()
        require(request.user, perm, record)
        fields = {}
        if serializer_class is not None:
            payload = serializer_class(data=request.data)
            payload.is_valid(raise_exception=True)
            fields = payload.validated_data
        act(actor=request.user, record=record, **fields)
        return self._answer(record)

    @extend_schema(
        summary=_("The person responsible explains the record (情况说明)"),
        request=RecordExplainSerializer,
        responses={200: RecordSerializer, 400: BAD_INPUT, 403: FORBIDDEN, 404: NOT_FOUND, 409: CONFLICT},
    )
    @action(detail=True, methods=["post"], filter_backends=[])
    def explain(self, request, pk=None):
        return self._act(
            request, "accountability.explain_record", RecordExplainSerializer, services_records.record_explain
        )

    @extend_schema(
        summary=_("The person responsible appeals the card (申诉), once, before it is decided"),
        request=RecordAppealSerializer,
        responses={200: RecordSerializer, 400: BAD_INPUT, 403: FORBIDDEN, 404: NOT_FOUND, 409: CONFLICT},
    )
    @action(detail=True, methods=["post"], filter_backends=[])
    def appeal(self, request, pk=None):
        return self._act(
            request, "accountability.appeal_record", RecordAppealSerializer, services_records.appeal_file
        )

    @extend_schema(
        summary=_("A supervisor upholds or dismisses the appeal, with reasons"),
        description=_("Upheld, the card is withdrawn and the record decided: no responsibility."),
        request=AppealDecisionSerializer,
        responses={200: RecordSerializer, 400: BAD_INPUT, 403: FORBIDDEN, 404: NOT_FOUND, 409: CONFLICT},
    )
    @action(detail=True, methods=["post"], url_path="decide-appeal", filter_backends=[])
    def decide_appeal(self, request, pk=None):
        return self._act(
            request,
            "accountability.decide_appeal",
            AppealDecisionSerializer,
            services_records.appeal_decide,
            role=is_supervisor,
        )

    @extend_schema(
        summary=_("A supervisor decides the record, or corrects the decision in force"),
        description=_(
            "`outcome` (`none`, `criticism`, `warning`, `circulated`, `other` with `measure`) and "
            "`findings`. On a decided record it is a correction: `correction_reason` is required, and the "
            "new decision supersedes the one in force. 409 while an appeal waits."
        ),
        request=DecideRecordSerializer,
        responses={200: RecordSerializer, 400: BAD_INPUT, 403: FORBIDDEN, 404: NOT_FOUND, 409: CONFLICT},
    )
    @action(detail=True, methods=["post"], filter_backends=[])
    def decide(self, request, pk=None):
        return self._act(
            request,
            "accountability.decide_record",
            DecideRecordSerializer,
            services_records.record_decide,
            role=is_supervisor,
        )

    @extend_schema(
        summary=_("The person acknowledges having been told the decision in force"),
        request=None,
        responses={200: RecordSerializer, 403: FORBIDDEN, 404: NOT_FOUND, 409: CONFLICT},
    )
    @action(detail=True, methods=["post"], filter_backends=[])
    def acknowledge(self, request, pk=None):
        return self._act(
            request, "accountability.acknowledge_decision", None, services_records.decision_acknowledge
        )
