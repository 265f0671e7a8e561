from django.urls import path

from refusals import views

app_name = "refusals"

urlpatterns = [
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/decide/", views.decide, name="decide"),
]
