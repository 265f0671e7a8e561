"""Absences and the caller's own record in the API: ``absences/``,
``absences/{id}/end/``, ``absences/{id}/cancel/`` and ``me/``.

An absence the caller may not see (another section's) is 404; one they see
but may not change is 403; one over or cancelled already is 409. Every write
goes through abpositions.services_absences.
"""

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from abpositions import cover, selectors_absences
from abpositions.models import Absence, AbsenceKind
from abpositions.services_absences import absence_cancel, absence_end, absence_register
from core.api import CONFLICT
from core.errors import require
from org.models import Post, Staff
from org.permissions import IsStaffMember
from org.predicates import staff_of


class AbsenceSerializer(serializers.ModelSerializer):
    staff_name = serializers.CharField(source="staff.name", read_only=True)

    class Meta:
        model = Absence
        fields = [
            "id",
            "staff",
            "staff_name",
            "kind",
            "start",
            "end",
            "contact",
            "note",
            "cover",
            "registered_at",
            "ended_early_at",
            "cancelled_at",
        ]
        read_only_fields = fields


class AbsenceCreateSerializer(serializers.Serializer):
    staff = serializers.PrimaryKeyRelatedField(
        queryset=Staff.objects.active(),
        required=False,
        help_text=_("Who is away; the caller when left out. A section chief may name one of their section."),
    )
    kind = serializers.ChoiceField(choices=AbsenceKind.choices)
    start = serializers.DateTimeField(help_text=_("ISO 8601 with offset, to the minute."))
    end = serializers.DateTimeField(help_text=_("ISO 8601 with offset, after start."))
    contact = serializers.CharField(
        max_length=100, allow_blank=True, help_text=_("Where to reach them; required.")
    )
    note = serializers.CharField(required=False, allow_blank=True, default="")
    cover = serializers.PrimaryKeyRelatedField(
        queryset=Staff.objects.active(),
        required=False,
        allow_null=True,
        help_text=_("Section chief only: who covers when both holders of a post would be away."),
    )
    chief_keeps = serializers.BooleanField(
        default=False, help_text=_("Section chief only: the chief covers the posts themselves.")
    )


class AbsenceFilter(django_filters.FilterSet):
    staff = django_filters.ModelChoiceFilter(queryset=Staff.objects.all(), label=_("staff member"))
    current = django_filters.BooleanFilter(method="filter_current", label=_("away now"))

    class Meta:
        model = Absence
        fields = ["staff", "kind", "current"]

    def filter_current(self, queryset, name, value):
        return selectors_absences.current(queryset, value)


@extend_schema_view(
    list=extend_schema(summary=_("Absences the caller may see: their own, their section's, or all")),
    retrieve=extend_schema(summary=_("One absence")),
)
class AbsenceViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Absences (离岗). Registered, cancelled or ended early by the staff member
    or their section's chief; a supervisor sees every section's."""

    permission_classes = [IsStaffMember]
    serializer_class = AbsenceSerializer
    filterset_class = AbsenceFilter

    def get_queryset(self):
        return selectors_absences.absences_visible_to(self.request.user)

    @extend_schema(
        summary=_("Register an absence"),
        description=_(
            "Refused (400, the post named) when both holders of a post would be away at once, "
            "unless the section chief names a `cover` or keeps the post (`chief_keeps`)."
        ),
        request=AbsenceCreateSerializer,
        responses={201: AbsenceSerializer},
    )
    def create(self, request):
        staff = staff_of(request.user)
        payload = AbsenceCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = {"staff": staff, **payload.validated_data}
        absence = absence_register(actor=request.user, **data)
        return Response(self.get_serializer(absence).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary=_("I am back: the absence ends now"),
        request=None,
        responses={200: AbsenceSerializer, 409: CONFLICT},
    )
    @action(detail=True, methods=["post"], filter_backends=[])
    def end(self, request, pk=None):
        return self._change(request, absence_end)

    @extend_schema(
        summary=_("Cancel an absence before it begins"),
        request=None,
        responses={200: AbsenceSerializer, 409: CONFLICT},
    )
    @action(detail=True, methods=["post"], filter_backends=[])
    def cancel(self, request, pk=None):
        return self._change(request, absence_cancel)

    def _change(self, request, change):
        absence = self.get_object()
        require(request.user, "abpositions.change_absence", absence)
        return Response(self.get_serializer(change(actor=request.user, absence=absence)).data)


class CoveringSerializer(serializers.Serializer):
    post = serializers.IntegerField(source="post.pk", help_text=_("The post answered for."))
    post_name = serializers.CharField(source="post.name")
    staff = serializers.IntegerField(
        source="post.a_holder_id", help_text=_("Whose work: the post's A holder.")
    )
    basis = serializers.ChoiceField(
        choices=[cover.Basis.B, cover.Basis.COVER, cover.Basis.CHIEF],
        help_text=_("As the B holder, as the cover the chief named, or as the chief of an uncovered post."),
    )
    until = serializers.DateTimeField(source="a_absence.end", allow_null=True)


class MeSerializer(serializers.ModelSerializer):
    roles = serializers.ListField(child=serializers.CharField(), read_only=True)
    posts_a = serializers.SerializerMethodField()
    posts_b = serializers.SerializerMethodField()
    covering = serializers.SerializerMethodField()

    class Meta:
        model = Staff
        fields = [
            "id",
            "name",
            "employee_number",
            "department",
            "title",
            "rank",
            "roles",
            "phone_extension",
            "posts_a",
            "posts_b",
            "covering",
        ]

    def _posts(self, staff) -> list[Post]:
        if not hasattr(self, "_held"):
            self._held = list(Post.objects.filter(a_holder=staff) | Post.objects.filter(b_holder=staff))
        return self._held

    def get_posts_a(self, staff) -> list[int]:
        return [post.pk for post in self._posts(staff) if post.a_holder_id == staff.pk]

    def get_posts_b(self, staff) -> list[int]:
        return [post.pk for post in self._posts(staff) if post.b_holder_id == staff.pk]

    @extend_schema_field(CoveringSerializer(many=True))
    def get_covering(self, staff):
        return CoveringSerializer(cover.answering_for(staff), many=True).data


class MeView(APIView):
    """The caller's own staff object, with the posts they hold and whom they cover now."""

    permission_classes = [IsStaffMember]

    @extend_schema(
        summary=_("The caller: their staff record, posts held as A and B, and whom they cover now"),
        responses=MeSerializer,
    )
    def get(self, request):
        return Response(MeSerializer(staff_of(request.user)).data)
