"""Rule 4 API: handovers."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
