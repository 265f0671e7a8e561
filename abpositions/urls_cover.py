"""Rule 4 pages: cover."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
