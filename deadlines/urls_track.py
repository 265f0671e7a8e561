from django.urls import path

from deadlines import views_track

app_name = "track"

urlpatterns = [
    path("", views_track.index, name="index"),
]
