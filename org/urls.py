from django.urls import path

from org import views

app_name = "org"

urlpatterns = [
    path("org/", views.directory, name="directory"),
    path("org/departments/<slug:code>/", views.department_detail, name="department"),
]
