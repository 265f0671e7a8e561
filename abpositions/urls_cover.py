"""Rule 4 pages: cover."""

from django.urls import path

from abpositions import views_cover

urlpatterns = [
    path("<int:post_id>/", views_cover.name_cover, name="name_cover"),
]
