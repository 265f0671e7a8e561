"""Rule 7's public pages, mounted at /complaints/ by the project's URLs (no login)."""

from django.urls import path

from accountability import views_public

app_name = "complaints"

urlpatterns = [
    path("new/", views_public.complaint_new, name="new"),
    path("track/", views_public.complaint_track, name="track"),
]
