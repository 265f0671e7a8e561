"""Rule 4 pages: absences."""

from django.urls import path

from abpositions import views_absences

urlpatterns = [
    path("", views_absences.mine, name="absences"),
    path("new/", views_absences.new, name="absence_new"),
    path("<int:pk>/end/", views_absences.end, name="absence_end"),
    path("<int:pk>/cancel/", views_absences.cancel, name="absence_cancel"),
]
