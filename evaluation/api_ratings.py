"""Rule 8's ``ratings/``: the applicant rates a completed case without login,
from the token of its rating link (a window's rating device or an app sends
it for them). Staff are refused (403) before the body is read, whether they
come by session or token: staff do not rate their own service. A token not
ours and one whose case is rated already get the same 400, so that nobody
learns which cases exist. Limited per client address (the ``rating``
throttle), as the public page is.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle

from core.api import BAD_INPUT, FORBIDDEN, THROTTLED, UNAUTHENTICATED
from core.http import ClientAddressThrottleMixin
from evaluation import services
from evaluation.models import Level, PoorReason, RatingChannel


class RatingThrottle(ClientAddressThrottleMixin, AnonRateThrottle):
    """Ratings sent without login, counted per client address."""

    scope = "rating"

    def get_rate(self):
        # Read when asked, not when imported: a changed setting is seen without a restart.
        return api_settings.DEFAULT_THROTTLE_RATES[self.scope]


class RatingCreateSerializer(serializers.Serializer):
    token = serializers.CharField(max_length=200, help_text=_("The token of the case's rating link."))
    level = serializers.ChoiceField(
        choices=Level.choices, help_text=_("5 非常满意, 4 满意, 3 基本满意, 2 不满意, 1 非常不满意.")
    )
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=1000,
        help_text=_("What went wrong: required with level 1 or 2 unless `tags` are given."),
    )
    tags = serializers.PrimaryKeyRelatedField(
        many=True,
        required=False,
        default=list,
        queryset=PoorReason.objects.filter(active=True),
        help_text=_("Ids of the poor-rating reasons the bureau lists."),
    )
    channel = serializers.ChoiceField(
        choices=sorted(services.RATER_CHANNELS),
        default=RatingChannel.WEB,
        help_text=_("How the rater came: qr, sms, web, device (the window's rating device) or other."),
    )


class RatingCreatedSerializer(serializers.Serializer):
    level = serializers.IntegerField()
    is_default = serializers.BooleanField()
    follow_up_opened = serializers.BooleanField(
        help_text=_("A poor rating opens a follow-up by the handler's section (差评整改).")
    )


class RatingViewSet(viewsets.GenericViewSet):
    """The public's ratings (好差评): sent, never read back or changed here."""

    permission_classes = [AllowAny]
    throttle_classes = [RatingThrottle]
    serializer_class = RatingCreateSerializer

    @extend_schema(
        summary=_("Rate a completed case, without login, once"),
        description=_(
            "`token` (from the case's rating link), `level` 1–5, `reason` (required for 1 and 2 unless "
            "`tags`), optional `tags` and `channel`. A logged-in caller is refused (403): staff do not "
            "rate. A token that is not valid and one whose case is rated already get the same 400. "
            "Limited per address (429 past it)."
        ),
        request=RatingCreateSerializer,
        responses={
            201: RatingCreatedSerializer,
            400: BAD_INPUT,
            401: UNAUTHENTICATED,
            403: FORBIDDEN,
            429: THROTTLED,
        },
    )
    def create(self, request):
        if request.user.is_authenticated:
            raise PermissionDenied(_("Staff do not rate the bureau's service."))
        payload = RatingCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        rating = services.rating_submit(actor=request.user, **{**data, "level": int(data["level"])})
        answer = {"level": rating.level, "is_default": rating.is_default, "follow_up_opened": rating.poor}
        return Response(RatingCreatedSerializer(answer).data, status=status.HTTP_201_CREATED)
