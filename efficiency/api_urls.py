"""Every app's API under /api/v1/ (paths are listed in docs/api.md)."""

from django.urls import include, path

from apitokens.api import ObtainToken

urlpatterns = [
    path("auth/token/", ObtainToken.as_view(), name="api-token"),
    path("", include("workdays.api_urls")),
    path("", include("org.api_urls")),
    path("", include("commitments.api_urls")),
    path("", include("abpositions.api_urls")),
    path("", include("deadlines.api_urls")),
    path("", include("inquiries.api_urls")),
    path("", include("notifications.api_urls")),
    path("", include("refusals.api_urls")),
    path("", include("accountability.api_urls")),
    path("", include("evaluation.api_urls_follow_ups")),
    path("", include("evaluation.api_urls")),
    path("", include("evaluation.api_urls_evaluations")),
]
