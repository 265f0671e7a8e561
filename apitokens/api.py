"""POST /api/v1/auth/token/: a username and password in, a token out."""

from axes.helpers import get_cool_off
from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle

from apitokens.services import api_token_create
from core.http import ClientAddressThrottleMixin


class TokenThrottle(ClientAddressThrottleMixin, AnonRateThrottle):
    scope = "token"


class ObtainTokenSerializer(serializers.Serializer):
    username = serializers.CharField(label=_("Username"), write_only=True)
    password = serializers.CharField(
        label=_("Password"), write_only=True, trim_whitespace=False, style={"input_type": "password"}
    )
    name = serializers.CharField(
        label=_("Token name"),
        write_only=True,
        required=False,
        max_length=100,
        default="API",
        help_text=_("What the token is for."),
    )


class AccountLocked(APIException):
    """429 with Retry-After (DRF's handler sets it from ``wait``), in the
    user's language, as the login page says it."""

    status_code = 429
    default_code = "locked_out"

    def __init__(self, wait_seconds: int):
        minutes = max(1, round(wait_seconds / 60))
        detail = ngettext(
            "Too many failed login attempts: this account is locked from this address "
            "for %(minutes)s minute.",
            "Too many failed login attempts: this account is locked from this address "
            "for %(minutes)s minutes.",
            minutes,
        ) % {"minutes": minutes}
        self.wait = wait_seconds
        super().__init__(detail=detail)


class ObtainToken(GenericAPIView):
    # The password is the credential here: no session, so no CSRF check either.
    authentication_classes = []
    permission_classes = []
    throttle_classes = [TokenThrottle]
    serializer_class = ObtainTokenSerializer

    @extend_schema(
        responses=inline_serializer(
            "ObtainedToken",
            {"token": serializers.CharField(), "expiry": serializers.DateTimeField(allow_null=True)},
        )
    )
    def post(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        # django-axes watches this call: it records a failure, and refuses
        # every attempt, the right password too, while the account is locked.
        user = authenticate(request=request, username=data["username"], password=data["password"])
        if user is None:
            if getattr(request, "axes_locked_out", False):
                raise AccountLocked(int(get_cool_off(request).total_seconds()))
            raise ValidationError(
                {"non_field_errors": [_("Unable to log in with provided credentials.")]}, code="authorization"
            )
        token, secret = api_token_create(actor=user, name=data["name"])
        expiry = serializers.DateTimeField().to_representation(token.expiry) if token.expiry else None
        return Response({"token": secret, "expiry": expiry})
