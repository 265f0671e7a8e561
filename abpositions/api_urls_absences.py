"""Rule 4 API: absences."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
