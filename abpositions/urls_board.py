"""Rule 4 pages: board."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
