"""Rule 8 in the API: ``follow-ups/``, the follow-ups of poor ratings (回访整改).

For section chiefs (their section's) and supervisors (every section's); any
other role is refused (403). The chief of the follow-up's section calls back,
fixes and appeals; only supervisors decide an appeal (refused before the
follow-up is looked up). A step its state refuses is 409. The rater's phone
is masked in the list; the GET of one shows it in full to who may call them
back, and logs that sight (deadlines.services.case_reveal_contact)."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core import clock
from core.api import BAD_INPUT, CONFLICT, FORBIDDEN, NOT_FOUND, BlankAsNullChoiceField
from core.errors import require
from core.masking import mask_phone
from deadlines.services import case_reveal_contact
from evaluation import selectors, services
from evaluation.forms_follow_up import FollowUpFilter
from evaluation.models import AppealStatus, FollowUp, Grade, Level, RatingChannel
from org.permissions import IsStaffMember, rule_permission
from org.predicates import is_supervisor


class FollowUpSerializer(serializers.ModelSerializer):
    case = serializers.IntegerField(source="rating.case_id", read_only=True)
    case_number = serializers.CharField(source="rating.case.number", read_only=True)
    handler = serializers.IntegerField(source="rating.staff_id", read_only=True)
    handler_name = serializers.CharField(source="rating.staff.name", read_only=True)
    level = serializers.ChoiceField(source="rating.level", choices=Level.choices, read_only=True)
    reason = serializers.CharField(source="rating.reason", read_only=True)
    tags = serializers.SerializerMethodField(help_text=_("The reasons the rater ticked."))
    channel = serializers.ChoiceField(source="rating.channel", choices=RatingChannel.choices, read_only=True)
    rated_at = serializers.DateTimeField(source="rating.rated_at", read_only=True)
    named = serializers.BooleanField(source="rating.named", read_only=True)
    excluded = serializers.BooleanField(
        source="rating.excluded", read_only=True, help_text=_("true once an appeal is upheld.")
    )
    applicant_name = serializers.CharField(source="rating.case.applicant_name", read_only=True)
    applicant_phone = serializers.SerializerMethodField(
        help_text=_("Masked, but in the GET of one follow-up to who may call the rater back.")
    )
    late = serializers.SerializerMethodField(help_text=_("Not fixed by its date."))
    grade = BlankAsNullChoiceField(choices=Grade.choices, read_only=True, help_text=_("null until graded."))
    appeal = BlankAsNullChoiceField(
        source="appeal_status",
        choices=AppealStatus.choices,
        read_only=True,
        help_text=_("The appeal's status; null when not appealed."),
    )

    class Meta:
        model = FollowUp
        fields = [
            "id",
            "case",
            "case_number",
            "department",
            "handler",
            "handler_name",
            "assigned_to",
            "level",
            "reason",
            "tags",
            "channel",
            "rated_at",
            "named",
            "excluded",
            "applicant_name",
            "applicant_phone",
            "status",
            "opened_at",
            "due",
            "late",
            "called_at",
            "called_by",
            "call_note",
            "fixed_at",
            "fixed_by",
            "fix_note",
            "grade",
            "graded_at",
            "appeal",
            "appeal_reason",
            "appealed_at",
            "appealed_by",
            "appeal_decided_by",
            "appeal_decided_at",
            "appeal_opinion",
        ]
        read_only_fields = fields

    def get_tags(self, follow_up) -> list[str]:
        return [tag.name for tag in follow_up.rating.tags.all()]

    def get_applicant_phone(self, follow_up) -> str:
        phone = follow_up.rating.case.applicant_phone
        return phone if self.context.get("reveal_contact") else mask_phone(phone)

    def get_late(self, follow_up) -> bool:
        return selectors.is_late(follow_up, clock.localdate())


class NoteSerializer(serializers.Serializer):
    note = serializers.CharField(help_text=_("What the rater said (call-back), or what was done (fix)."))


class FollowUpAppealSerializer(serializers.Serializer):
    reason = serializers.CharField(
        help_text=_("Why the rating is wrong or malicious. An evidence file goes with the page's form.")
    )


class FollowUpAppealDecisionSerializer(serializers.Serializer):
    uphold = serializers.BooleanField(help_text=_("true: the rating is excluded from the figures."))
    opinion = serializers.CharField(help_text=_("The reasons for the decision on the appeal."))


ACTION_RESPONSES = {200: FollowUpSerializer, 400: BAD_INPUT, 403: FORBIDDEN, 404: NOT_FOUND, 409: CONFLICT}


@extend_schema_view(
    list=extend_schema(
        summary=_("Follow-ups of poor ratings (section chiefs: their section's; supervisors)")
    ),
    retrieve=extend_schema(
        summary=_("One follow-up, with the rater's phone to call them back"),
        responses={200: FollowUpSerializer, 403: FORBIDDEN, 404: NOT_FOUND},
    ),
)
class FollowUpViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Follow-ups of poor ratings (差评整改, 回访整改). 谁办理谁负责: the chief of the
    handler's section calls the rater back, records the fix and may appeal a
    wrong or malicious rating (申诉复核); a supervisor decides the appeal."""

    permission_classes = [IsStaffMember, rule_permission("evaluation.view_follow_ups")]
    serializer_class = FollowUpSerializer
    filterset_class = FollowUpFilter

    def get_queryset(self):
        return selectors.follow_ups_for(self.request.user).order_by("due", "id")

    def retrieve(self, request, *args, **kwargs):
        follow_up = self.get_object()
        case = follow_up.rating.case
        revealed = request.user.has_perm("deadlines.see_applicant_contact", case) and bool(
            case_reveal_contact(actor=request.user, case=case)
        )
        serializer = self.get_serializer(follow_up)
        serializer.context["reveal_contact"] = revealed
        return Response(serializer.data)

    def _act(self, request, perm, serializer_class, act, *, role=None):
        # A role that may never act (only supervisors decide) is refused before the follow-up is looked up.
        if role is not None and not role(request.user):
            raise PermissionDenied
        follow_up = self.get_object()
        require(request.user, perm, follow_up)
        payload = serializer_class(data=request.data)
        payload.is_valid(raise_exception=True)
        act(actor=request.user, follow_up=follow_up, **payload.validated_data)
        return Response(self.get_serializer(self.get_queryset().get(pk=follow_up.pk)).data)

    @extend_schema(
        summary=_("The section chief records the call-back (回访): what the rater said"),
        request=NoteSerializer,
        responses=ACTION_RESPONSES,
    )
    @action(detail=True, methods=["post"], url_path="call-back", filter_backends=[])
    def call_back(self, request, pk=None):
        return self._act(request, "evaluation.work_follow_up", NoteSerializer, services.follow_up_call_back)

    @extend_schema(
        summary=_("The section chief records the fix (整改), after the call-back"),
        request=NoteSerializer,
        responses=ACTION_RESPONSES,
    )
    @action(detail=True, methods=["post"], filter_backends=[])
    def fix(self, request, pk=None):
        return self._act(request, "evaluation.work_follow_up", NoteSerializer, services.follow_up_fix)

    @extend_schema(
        summary=_("The section chief appeals the rating (申诉复核), once"),
        request=FollowUpAppealSerializer,
        responses=ACTION_RESPONSES,
    )
    @action(detail=True, methods=["post"], filter_backends=[])
    def appeal(self, request, pk=None):
        return self._act(
            request, "evaluation.work_follow_up", FollowUpAppealSerializer, services.follow_up_appeal
        )

    @extend_schema(
        summary=_("A supervisor upholds or dismisses the appeal, with reasons"),
        description=_(
            "Upheld, the rating is excluded from the figures (`excluded`) and the follow-up closed."
        ),
        request=FollowUpAppealDecisionSerializer,
        responses=ACTION_RESPONSES,
    )
    @action(detail=True, methods=["post"], url_path="decide-appeal", filter_backends=[])
    def decide_appeal(self, request, pk=None):
        return self._act(
            request,
            "evaluation.decide_rating_appeal",
            FollowUpAppealDecisionSerializer,
            services.follow_up_appeal_decide,
            role=is_supervisor,
        )
