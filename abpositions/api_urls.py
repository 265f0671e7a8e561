"""Rule 4's API (docs/api.md): posts/, me/, absences/, holder-changes/, handovers/."""

from django.urls import include, path

urlpatterns = [
    path("", include("abpositions.api_urls_board")),
    path("", include("abpositions.api_urls_holders")),
    path("", include("abpositions.api_urls_absences")),
    path("", include("abpositions.api_urls_handovers")),
    path("", include("abpositions.api_urls_cover")),
]
