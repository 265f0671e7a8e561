from rest_framework import serializers, viewsets

from org import selectors
from org.filters import StaffFilter
from org.models import Department, Staff
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
