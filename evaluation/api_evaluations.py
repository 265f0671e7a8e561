"""Rule 8 in the API: ``evaluations/``, the evaluation table of a period.

One row per staff member or section with every figure, the score, the grade,
the rank in the bureau and the change from the period before, as the
evaluation page shows it (``evaluation.tables.table``): a closed period read
from its latest frozen snapshot (which revision, when and why), the current
one computed live. Supervisors see every row; a section chief their section's
people, or their section's row; any other staff member only their own row
(403 for the sections' table). The rows are a table, not a paginated list:
there are as many as the bureau has people.
"""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from core import clock
from core.api import BAD_INPUT, FORBIDDEN, UNAUTHENTICATED
from evaluation import figures, score, tables
from evaluation.periods import Period
from org.permissions import IsStaffMember
from org.predicates import is_section_chief, is_supervisor, staff_of

GRADE_CODES = [code for _minimum, code, _label in score.GRADES]
RATE_KEYS = [rate.key for rate in figures.RATES]
COUNT_KEYS = [figure.key for figure in figures.COUNTED] + ["poor_unfollowed"]


class EvaluationQuerySerializer(serializers.Serializer):
    period = serializers.CharField(
        required=False,
        help_text="YYYY-MM (a month), YYYY-Qn (a quarter) or YYYY (a year); the current month by default",
    )
    level = serializers.ChoiceField(
        choices=figures.LEVELS, default=figures.STAFF, help_text="a row per staff member or per section"
    )

    def validate_period(self, text):
        try:
            period = Period.parse(text)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.messages) from None
        if period.start > clock.localdate():
            raise serializers.ValidationError(_("That period has not begun yet."))
        return period


def _figures_serializer():
    """Every key of ``figures.compute``: the counts, the average days, and the
    rates (null with nothing to divide)."""
    fields = {key: serializers.IntegerField(help_text=str(figures.LABELS[key])) for key in COUNT_KEYS}
    fields["avg_days"] = serializers.FloatField(
        allow_null=True, help_text=str(figures.LABELS["avg_days"]) + "; null with no case completed"
    )
    for rate in figures.RATES:
        fields[rate.key] = serializers.FloatField(
            allow_null=True, help_text=f"{rate.label}: % of {rate.whole}, one decimal; null when it is 0"
        )
    return type("EvaluationFiguresSerializer", (serializers.Serializer,), fields)


EvaluationFiguresSerializer = _figures_serializer()


class EvaluationRowSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="the staff member's or the section's id")
    name = serializers.CharField()
    department = serializers.IntegerField(
        allow_null=True, help_text="the staff member's section; null for a section"
    )
    department_name = serializers.CharField(allow_null=True)
    figures = EvaluationFiguresSerializer()
    score = serializers.FloatField(allow_null=True, help_text="null when no score scheme was in force")
    grade = serializers.ChoiceField(choices=GRADE_CODES, allow_null=True)
    rank = serializers.IntegerField(help_text="in the bureau, by score; equal scores share a rank")
    previous_score = serializers.FloatField(allow_null=True)
    previous_rank = serializers.IntegerField(allow_null=True)
    change = serializers.FloatField(allow_null=True, help_text="the score minus the previous period's")


class FrozenSerializer(serializers.Serializer):
    revision = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    reason = serializers.CharField(help_text="why it was revised; empty for the first freeze")


class EvaluationTableSerializer(serializers.Serializer):
    period = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField(help_text="the first day after the period")
    level = serializers.ChoiceField(choices=figures.LEVELS)
    live = serializers.BooleanField(
        help_text="computed now (the current period, or a closed one not frozen yet)"
    )
    frozen = FrozenSerializer(allow_null=True, help_text="the snapshot read; null when live")
    results = EvaluationRowSerializer(many=True)


def _visible(user, level: str):
    """Which rows the caller sees: None for all, else a test on a row; 403 for none at all."""
    if is_supervisor(user):
        return None
    me = staff_of(user)
    if is_section_chief(user):
        if level == figures.STAFF:
            return lambda row: row.get("department_id") == me.department_id
        return lambda row: row["id"] == me.department_id
    if level == figures.DEPARTMENT:
        raise PermissionDenied
    return lambda row: row["id"] == me.pk


def _row(row: dict) -> dict:
    return {
        **row,
        "department": row.get("department_id"),
        "department_name": row.get("department"),
        "figures": {key: row["figures"].get(key) for key in [*COUNT_KEYS, "avg_days", *RATE_KEYS]},
    }


class EvaluationView(APIView):
    permission_classes = [IsStaffMember]

    @extend_schema(
        operation_id="evaluations_table",
        summary=_lazy("The evaluation table of a period: figures, score, grade, rank"),
        parameters=[EvaluationQuerySerializer],
        responses={200: EvaluationTableSerializer, 400: BAD_INPUT, 401: UNAUTHENTICATED, 403: FORBIDDEN},
        tags=["evaluations"],
    )
    def get(self, request):
        query = EvaluationQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        level = query.validated_data["level"]
        visible = _visible(request.user, level)
        period = query.validated_data.get("period") or Period.month_of(clock.localdate())
        table = tables.table(period, level)
        rows = [_row(row) for row in table.rows if visible is None or visible(row)]
        frozen = table.frozen
        body = {
            "period": period.key,
            "start": period.start,
            "end": period.end,
            "level": level,
            "live": frozen is None,
            "frozen": frozen,
            "results": rows,
        }
        return Response(EvaluationTableSerializer(body).data)
