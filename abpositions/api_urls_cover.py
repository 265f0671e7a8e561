"""Rule 4 API: cover."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
