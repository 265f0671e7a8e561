from django.urls import path

from accountability import views_records

urlpatterns = [
    path("records/<int:pk>/", views_records.record, name="record"),
]
