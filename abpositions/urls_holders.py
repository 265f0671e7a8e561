"""Rule 4 pages: holders (/posts/changes/...)."""

from django.urls import path

from abpositions import views_holders

urlpatterns = [
    path("", views_holders.changes, name="changes"),
    path("post/<int:pk>/", views_holders.post_holders, name="post_holders"),
    path("<int:pk>/", views_holders.change_detail, name="change_detail"),
    path("<int:pk>/approve/", views_holders.change_approve, name="change_approve"),
    path("<int:pk>/reject/", views_holders.change_reject, name="change_reject"),
]
