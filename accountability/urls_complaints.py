from django.urls import path

from accountability import views_complaints

urlpatterns = [
    path("complaints/<int:pk>/", views_complaints.complaint, name="complaint"),
]
