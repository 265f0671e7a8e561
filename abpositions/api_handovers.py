"""Rule 4 API: ``handovers/`` (filter ``staff``: the A holder) and
``handovers/{id}/acknowledge/`` by the A holder.

Each handover lists its ``matters``: what the audit trail records as done
acting for A in the absence, grouped by subject, each with its ``number``;
and the cover's ``notes``. A handover the caller may not see is 404, one
they see but may not acknowledge 403, one not handed over (or acknowledged
already) 409.
"""

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from abpositions import selectors_handovers as selectors
from abpositions import services_handovers as services
from abpositions.models import CoverNote, Handover, HandoverStatus
from core.api import CONFLICT
from org.models import Staff
from org.permissions import IsStaffMember


class HandoverFilter(django_filters.FilterSet):
    staff = django_filters.ModelChoiceFilter(
        field_name="holder", queryset=Staff.objects.all(), label=_("The A holder")
    )
    status = django_filters.ChoiceFilter(choices=HandoverStatus.choices)

    class Meta:
        model = Handover
        fields = ["staff", "status", "cover", "flagged"]


class MatterEventSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    verb = serializers.CharField(help_text=_("The audit verb, e.g. case.complete."))
    label = serializers.CharField(help_text=_("The action in words."))
    actor = serializers.CharField(help_text=_("Who did it (the cover, acting for A)."))


class MatterSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text=_("What the matter is: case, inquiry…"))
    id = serializers.CharField()
    number = serializers.CharField(help_text=_("Its number (a case's or an inquiry's)."))
    label = serializers.CharField()
    url = serializers.CharField(help_text=_("Its page, where it has one."))
    events = MatterEventSerializer(many=True)


class CoverNoteSerializer(serializers.ModelSerializer):
    author_name = serializers.CharField(source="author.name", read_only=True)

    class Meta:
        model = CoverNote
        fields = ["id", "subject_type", "subject_id", "subject_label", "author", "author_name", "at", "text"]
        read_only_fields = fields


class HandoverSerializer(serializers.ModelSerializer):
    holder_name = serializers.CharField(source="holder.name", read_only=True)
    cover_name = serializers.CharField(source="cover.name", read_only=True)
    start = serializers.DateTimeField(source="absence.start", read_only=True)
    end = serializers.DateTimeField(source="absence.end", read_only=True)
    matters = serializers.SerializerMethodField(
        help_text=_(
            "What was done as acting for the A holder in the absence, from the audit trail, by matter. "
            "A matter that reached the cover and was not acted on is not listed."
        )
    )
    notes = CoverNoteSerializer(source="absence.notes", many=True, read_only=True)

    class Meta:
        model = Handover
        fields = [
            "id",
            "absence",
            "holder",
            "holder_name",
            "cover",
            "cover_name",
            "start",
            "end",
            "status",
            "remarks",
            "created_at",
            "handed_at",
            "acknowledge_by",
            "acknowledged_at",
            "flagged",
            "matters",
            "notes",
        ]
        read_only_fields = fields

    @extend_schema_field(MatterSerializer(many=True))
    def get_matters(self, handover):
        matters = self.context.get("matters")
        if matters is None or handover.pk not in matters:
            matters = selectors.matters_of([handover])
        return MatterSerializer(matters[handover.pk], many=True).data


@extend_schema_view(
    list=extend_schema(summary=_("Handovers the caller gave, received, or oversees")),
    retrieve=extend_schema(summary=_("One handover")),
)
class HandoverViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Handovers (交接) on A's return: the cover hands over, the A holder acknowledges."""

    permission_classes = [IsStaffMember]
    serializer_class = HandoverSerializer
    filterset_class = HandoverFilter

    def get_queryset(self):
        return (
            selectors.handovers_visible_to(self.request.user)
            .prefetch_related("absence__notes__author")
            .order_by("-created_at", "-id")
        )

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        context = {**self.get_serializer_context(), "matters": selectors.matters_of(page)}
        return self.get_paginated_response(HandoverSerializer(page, many=True, context=context).data)

    @extend_schema(
        summary=_("The A holder acknowledges the handover"),
        request=None,
        responses={200: HandoverSerializer, 409: CONFLICT},
    )
    @action(detail=True, methods=["post"])
    def acknowledge(self, request, pk=None):
        handover = services.handover_acknowledge(actor=request.user, handover=self.get_object())
        return Response(self.get_serializer(self.get_queryset().get(pk=handover.pk)).data)
