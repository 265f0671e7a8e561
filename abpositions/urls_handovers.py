"""Rule 4 pages: handovers."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
