"""Rule 4's pages under /posts/, each part in its own module."""

from django.urls import include, path

from abpositions import views_holders

app_name = "abpositions"

urlpatterns = [
    path("", include("abpositions.urls_board")),
    path("changes/", include("abpositions.urls_holders")),
    path("queue/", views_holders.queue, name="queue"),
    path("absences/", include("abpositions.urls_absences")),
    path("handovers/", include("abpositions.urls_handovers")),
    path("cover/", include("abpositions.urls_cover")),
    path("consent/", include("abpositions.urls_consent")),
]
