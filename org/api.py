from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, viewsets

from org import selectors
from org.filters import PostFilter, StaffFilter
from org.models import Department, Post, Staff
from org.permissions import IsStaffMember


class DepartmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Department
        fields = ["id", "name", "code", "public_phone", "room", "duties"]


class StaffSerializer(serializers.ModelSerializer):
    roles = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Staff
        fields = ["id", "name", "employee_number", "department", "title", "rank", "roles", "phone_extension"]


class PostSerializer(serializers.ModelSerializer):
    covered_by = serializers.SerializerMethodField()

    class Meta:
        model = Post
        fields = ["id", "name", "department", "duties", "a_holder", "b_holder", "covered_by"]

    @extend_schema_field(serializers.IntegerField())
    def get_covered_by(self, post) -> int:
        # Who answers for the post now. Until absences exist (rule 4) that
        # is always the A holder.
        return post.a_holder_id


class DepartmentViewSet(viewsets.ReadOnlyModelViewSet):
    """The bureau's sections. Kept by administrators in the admin."""

    permission_classes = [IsStaffMember]
    serializer_class = DepartmentSerializer
    queryset = Department.objects.all()
    filterset_fields = ["code"]


class StaffViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [IsStaffMember]
    serializer_class = StaffSerializer
    filterset_class = StaffFilter

    def get_queryset(self):
        return selectors.staff_list()


class PostViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [IsStaffMember]
    serializer_class = PostSerializer
    filterset_class = PostFilter

    def get_queryset(self):
        return selectors.posts_list()
