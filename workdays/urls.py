from django.urls import path

from workdays import views

app_name = "workdays"

urlpatterns = [
    path("", views.year, name="year"),
]
