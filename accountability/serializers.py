"""What rule 7's API reads and answers: complaints and accountability records.

A choice not made yet (a record's card after an upheld appeal, its outcome
before a decision, its appeal when there is none) is null, never "". The
complainant's phone is always masked here: the API has no page to reveal it on.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from accountability.filters_api import complaint_is_overdue
from accountability.models import (
    AppealStatus,
    Card,
    Complaint,
    Decision,
    Measure,
    Outcome,
    Record,
)
from core import clock
from core.api import BlankAsNullChoiceField
from core.masking import mask_phone
from org.models import Department, Staff

# --- complaints ---------------------------------------------------------------------------


class ComplaintSerializer(serializers.ModelSerializer):
    complainant_phone = serializers.SerializerMethodField(help_text=_("Masked (138****5678)."))
    about_staff_name = serializers.CharField(
        source="about_staff.name", read_only=True, allow_null=True, default=None
    )
    handled_by_name = serializers.CharField(
        source="handled_by.name", read_only=True, allow_null=True, default=None
    )
    overdue = serializers.SerializerMethodField(
        help_text=_("Past the day it was to be accepted or declined by, or answered by.")
    )

    class Meta:
        model = Complaint
        fields = [
            "id",
            "number",
            "channel",
            "status",
            "subject",
            "description",
            "complainant_name",
            "complainant_phone",
            "anonymous",
            "about_staff",
            "about_staff_name",
            "about_department",
            "about_number",
            "logged_by",
            "received_at",
            "accept_due",
            "accepted_at",
            "declined_at",
            "decline_reason",
            "answer_due",
            "extended_at",
            "extend_reason",
            "investigation",
            "answer",
            "upheld",
            "answered_at",
            "handled_by",
            "handled_by_name",
            "overdue",
        ]
        read_only_fields = fields

    def get_complainant_phone(self, complaint) -> str:
        return mask_phone(complaint.complainant_phone)

    def get_overdue(self, complaint) -> bool:
        if "today" not in self.context:
            self.context["today"] = clock.localdate()
        return complaint_is_overdue(complaint, self.context["today"])


class ComplaintFiledSerializer(serializers.ModelSerializer):
    """What the complainant gets back: the number to track it by, and the day it is accepted by."""

    class Meta:
        model = Complaint
        fields = ["id", "number", "status", "accept_due"]
        read_only_fields = fields


class ComplaintCreateSerializer(serializers.Serializer):
    subject = serializers.CharField(max_length=200, help_text=_("In a few words, what it is about."))
    description = serializers.CharField(help_text=_("What happened."))
    complainant_name = serializers.CharField(
        max_length=100,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Required unless anonymous."),
    )
    complainant_phone = serializers.CharField(
        max_length=20,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Required unless anonymous: the complaint is tracked by its last four digits."),
    )
    anonymous = serializers.BooleanField(
        required=False, default=False, help_text=_("An anonymous complaint is accepted but gets no reply.")
    )
    about_staff = serializers.PrimaryKeyRelatedField(
        queryset=Staff.objects.active(), required=False, allow_null=True, default=None
    )
    about_department = serializers.PrimaryKeyRelatedField(
        queryset=Department.objects.all(), required=False, allow_null=True, default=None
    )
    about_number = serializers.CharField(
        max_length=30,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("The number of the case, inquiry or notice it is about."),
    )


class ComplaintDeclineSerializer(serializers.Serializer):
    reason = serializers.CharField(help_text=_("Required: the complainant is told it."))


class ComplaintExtendSerializer(serializers.Serializer):
    reason = serializers.CharField(help_text=_("Why the answer needs longer (once)."))


class ComplaintAnswerSerializer(serializers.Serializer):
    answer = serializers.CharField(help_text=_("The answer the complainant is given."))
    upheld = serializers.BooleanField(
        help_text=_("Upheld against a staff member or a section: an accountability record is opened.")
    )
    investigation = serializers.CharField(required=False, allow_blank=True, default="")


# --- accountability records ---------------------------------------------------------------


class RecordDecisionSerializer(serializers.ModelSerializer):
    measure_name = serializers.CharField(source="measure.name", read_only=True, allow_null=True, default=None)
    decided_by_name = serializers.CharField(source="decided_by.name", read_only=True)

    class Meta:
        model = Decision
        fields = [
            "id",
            "outcome",
            "measure",
            "measure_name",
            "findings",
            "decided_by",
            "decided_by_name",
            "decided_at",
            "supersedes",
            "correction_reason",
            "acknowledged_at",
        ]
        read_only_fields = fields


class RecordSerializer(serializers.ModelSerializer):
    staff_name = serializers.CharField(source="staff.name", read_only=True, allow_null=True, default=None)
    card = BlankAsNullChoiceField(
        choices=Card.choices, read_only=True, help_text=_("null once an appeal against it is upheld.")
    )
    outcome = BlankAsNullChoiceField(
        source="decision.outcome",
        choices=Outcome.choices,
        read_only=True,
        help_text=_("The decision in force; null until decided."),
    )
    appeal = BlankAsNullChoiceField(
        source="appeal.status",
        choices=AppealStatus.choices,
        read_only=True,
        help_text=_("The appeal's status; null when not appealed."),
    )
    decisions = RecordDecisionSerializer(
        many=True, read_only=True, help_text=_("Every decision, the first first; a correction supersedes.")
    )

    class Meta:
        model = Record
        fields = [
            "id",
            "number",
            "source",
            "source_id",
            "reference",
            "summary",
            "staff",
            "staff_name",
            "department",
            "card",
            "status",
            "outcome",
            "occurred_on",
            "opened_at",
            "explain_due",
            "red_due",
            "explanation",
            "explained_at",
            "appeal",
            "decisions",
        ]
        read_only_fields = fields


class RecordExplainSerializer(serializers.Serializer):
    explanation = serializers.CharField(help_text=_("What happened and why (情况说明)."))


class RecordAppealSerializer(serializers.Serializer):
    reasons = serializers.CharField(
        help_text=_("Why the card is wrong. Evidence files go with the page's form.")
    )


class AppealDecisionSerializer(serializers.Serializer):
    uphold = serializers.BooleanField(
        help_text=_("true: the card is withdrawn and the record closed with no responsibility.")
    )
    opinion = serializers.CharField(help_text=_("The reasons for the decision on the appeal."))


class DecideRecordSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    findings = serializers.CharField(help_text=_("The findings the decision rests on."))
    measure = serializers.PrimaryKeyRelatedField(
        queryset=Measure.objects.filter(active=True),
        required=False,
        allow_null=True,
        default=None,
        help_text=_("The measure the bureau takes, when the outcome is `other`."),
    )
    correction_reason = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Required on a decided record: why the decision in force is corrected."),
    )
