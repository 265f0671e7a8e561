"""What every endpoint shares: one JSON parser that takes only an object,
and one exception handler that puts the services' refusals and Django's 404
in the API's words and the user's language (settings.REST_FRAMEWORK)."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext_lazy as _
from django.views import defaults
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, inline_serializer
from rest_framework import exceptions, parsers, serializers, status
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from core.errors import ConflictError, InputRefused


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("This change is not allowed now.")
    default_code = "conflict"


class PDFRenderer(BaseRenderer):
    """Lets a client ask for a paper's PDF by its media type; an error on the
    way (404, 409) is still answered in JSON."""

    media_type = "application/pdf"
    format = "pdf"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, bytes):
            return data
        return JSONRenderer().render(data)


class JSONObjectParser(parsers.JSONParser):
    """Every body the API takes is an object of fields: anything else (a list,
    a string, a number, null) is bad input, not a server error."""

    def parse(self, stream, media_type=None, parser_context=None):
        data = super().parse(stream, media_type, parser_context)
        if not isinstance(data, dict):
            raise exceptions.ParseError(_("The request body must be a JSON object of fields."))
        return data


def exception_handler(exc, context):
    if isinstance(exc, Http404):
        # Django's "No Notice matches the given query." speaks English and names the model.
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            exc = exceptions.ValidationError(exc.message_dict)
        else:
            exc = exceptions.ValidationError({"detail": " ".join(exc.messages)})
    elif isinstance(exc, InputRefused):
        exc = exceptions.ValidationError({"detail": exc.message})
    elif isinstance(exc, ConflictError):
        exc = Conflict(str(exc))
    return drf_exception_handler(exc, context)


def page_not_found(request, exception):
    """Django's 404 (settings.DEBUG off): an address under /api/ that matches
    no route answers in JSON, as every other API error does."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": str(exceptions.NotFound.default_detail)}, status=404)
    return defaults.page_not_found(request, exception)


# The bodies of the errors, for the schema.
_detail = inline_serializer("ErrorDetail", {"detail": serializers.CharField()})
BAD_INPUT = OpenApiResponse(
    response=OpenApiTypes.OBJECT,
    description='Bad input: `{"field": ["reason", ...]}`, or `{"detail": "..."}` for input that is well '
    "formed but cannot be acted on (a body that is not a JSON object, a date the official calendar "
    "cannot count yet).",
)
FORBIDDEN = OpenApiResponse(response=_detail, description="The user may not do this.")
NOT_FOUND = OpenApiResponse(response=_detail, description="No such object, or not one the user may see.")
CONFLICT = OpenApiResponse(response=_detail, description="Not allowed in the object's present state.")
UNAUTHENTICATED = OpenApiResponse(
    response=_detail, description="No credentials, or a token that is not valid."
)
THROTTLED = OpenApiResponse(response=_detail, description="Too many requests: try again later.")


class BlankAsNullChoiceField(serializers.ChoiceField):
    """A choice a model leaves blank until it is made (an inquiry's outcome):
    null in the API, never "", which is not one of the choices."""

    def __init__(self, **kwargs):
        super().__init__(allow_null=True, **kwargs)

    def to_representation(self, value):
        return None if value in ("", None) else super().to_representation(value)


class RevealContactOnRetrieveMixin:
    """The GET of one record shows its person's full phone (and ID number) to a
    reader who holds ``reveal_permission`` on it, and that sight is logged by
    the app's ``reveal_contact`` service (personal_data.viewed). Lists stay
    masked; the serializer reads ``reveal_contact`` from its context."""

    reveal_permission: str

    def reveal_contact(self, obj) -> list[str]:
        """Call the app's service; return the fields revealed."""
        raise NotImplementedError

    def retrieve(self, request, *args, **kwargs):
        obj = self.get_object()
        revealed = request.user.has_perm(self.reveal_permission, obj) and bool(self.reveal_contact(obj))
        serializer = self.get_serializer(obj)
        serializer.context["reveal_contact"] = revealed
        return Response(serializer.data)
