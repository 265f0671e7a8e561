"""The working-day calendar over the API: other systems count days with it too."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api import BAD_INPUT
from workdays.days import UnpublishedYearError, add_working_days, working_days_between

MAX_DAYS = 3650

_detail_response = OpenApiResponse(
    response=BAD_INPUT.response,
    description='Bad input (`{"field": [reason]}`), or the date falls in a year with no published schedule '
    '(`{"detail": ...}`).',
)


class AddWorkingDaysQuerySerializer(serializers.Serializer):
    start = serializers.DateField(input_formats=["iso-8601"], help_text="YYYY-MM-DD; not itself counted")
    days = serializers.IntegerField(
        min_value=-MAX_DAYS, max_value=MAX_DAYS, help_text="working days to add; negative counts backwards"
    )


class AddWorkingDaysSerializer(serializers.Serializer):
    start = serializers.DateField()
    days = serializers.IntegerField()
    date = serializers.DateField(help_text="the Nth working day after start")


class WorkingDaysBetweenQuerySerializer(serializers.Serializer):
    start = serializers.DateField(input_formats=["iso-8601"], help_text="YYYY-MM-DD")
    end = serializers.DateField(input_formats=["iso-8601"], help_text="YYYY-MM-DD")


class WorkingDaysBetweenSerializer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()
    working_days = serializers.IntegerField(
        help_text="working days after start up to and including end; negative when end is before start"
    )


class AddWorkingDaysView(APIView):
    @extend_schema(
        operation_id="calendar_add_working_days",
        summary="The Nth working day after a date",
        parameters=[AddWorkingDaysQuerySerializer],
        responses={200: AddWorkingDaysSerializer, 400: _detail_response},
        tags=["calendar"],
    )
    def get(self, request):
        query = AddWorkingDaysQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        start, days = query.validated_data["start"], query.validated_data["days"]
        try:
            answer = add_working_days(start, days)
        except UnpublishedYearError as exc:
            return Response({"detail": exc.message}, status=400)
        return Response(AddWorkingDaysSerializer({"start": start, "days": days, "date": answer}).data)


class WorkingDaysBetweenView(APIView):
    @extend_schema(
        operation_id="calendar_working_days_between",
        summary="Working days between two dates",
        parameters=[WorkingDaysBetweenQuerySerializer],
        responses={200: WorkingDaysBetweenSerializer, 400: _detail_response},
        tags=["calendar"],
    )
    def get(self, request):
        query = WorkingDaysBetweenQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        start, end = query.validated_data["start"], query.validated_data["end"]
        try:
            count = working_days_between(start, end)
        except UnpublishedYearError as exc:
            return Response({"detail": exc.message}, status=400)
        return Response(
            WorkingDaysBetweenSerializer({"start": start, "end": end, "working_days": count}).data
        )
