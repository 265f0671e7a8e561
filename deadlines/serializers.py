"""The case as the API shows it: here rather than in ``deadlines.api`` because
rule 5's API answers with it too, and no app imports another's API."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from deadlines.links import case_api_fields
from deadlines.models import Case
from deadlines.selectors import applicant_phone, with_working_days_left


class CaseListSerializer(serializers.ListSerializer):
    def to_representation(self, data):
        # One read of the calendar for the whole page, not one per case.
        return super().to_representation(with_working_days_left(data.all() if hasattr(data, "all") else data))


class CaseSerializer(serializers.ModelSerializer):
    applicant_phone = serializers.SerializerMethodField(
        help_text=_(
            "Masked (138****5678), but in one case's GET for a reader who works the case "
            "(the sight is logged)."
        )
    )
    working_days_left = serializers.SerializerMethodField(
        help_text=_(
            "Working days from today to the due date: 0 when due today, negative when overdue; "
            "null once the case is closed."
        )
    )

    class Meta:
        model = Case
        fields = [
            "id",
            "number",
            "kind",
            "title",
            "service_item",
            "item_version",
            "handler",
            "cover_for",
            "department",
            "received_at",
            "due_date",
            "original_due_date",
            "status",
            "overdue",
            "overdue_since",
            "applicant_name",
            "applicant_phone",
            "working_days_left",
            "handled_at_once",
            "not_at_once_reason",
            "completed_at",
            "instruction",
            "leader",
        ]
        read_only_fields = fields
        list_serializer_class = CaseListSerializer

    def get_fields(self):
        # Rule 8's rating_url and any other field an app above adds (deadlines.links).
        fields = super().get_fields()
        for name, make in case_api_fields().items():
            fields[name] = make()
        return fields

    def get_applicant_phone(self, case) -> str:
        return applicant_phone(case, revealed=self.context.get("reveal_contact", False))

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_working_days_left(self, case) -> int | None:
        if not case.is_open:
            return None
        if not hasattr(case, "working_days_left"):
            with_working_days_left([case])
        return case.working_days_left
