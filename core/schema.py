"""The schema's view of errors (settings.REST_FRAMEWORK's DEFAULT_SCHEMA_CLASS)."""

from drf_spectacular import openapi
from rest_framework import permissions

from core.api import BAD_INPUT, FORBIDDEN, NOT_FOUND, THROTTLED, UNAUTHENTICATED


class AutoSchema(openapi.AutoSchema):
    """Every operation declares the errors it can answer: 401/403 where a login
    is needed, 404 for an object (or a page) that is not there, 400 where it
    reads a body or a filter, 429 where it is throttled. An operation declares
    409 itself, where a state can refuse it."""

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        errors = {}
        if self.method in ("POST", "PUT", "PATCH") or self.get_filter_backends():
            errors["400"] = BAD_INPUT
        if not all(isinstance(p, permissions.AllowAny) for p in self.view.get_permissions()):
            errors["401"] = UNAUTHENTICATED
            errors["403"] = FORBIDDEN
        if "{" in self.path or (self._is_list_view() and self._get_paginator() is not None):
            errors["404"] = NOT_FOUND
        if self.view.get_throttles():
            errors["429"] = THROTTLED
        for code, response in errors.items():
            if code not in responses:
                responses[code] = self._get_response_for_code(response, code, direction=direction)
        return responses
