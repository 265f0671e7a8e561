from django.urls import path

from evaluation import views_rate

app_name = "rate"

urlpatterns = [
    path("<str:token>/", views_rate.rate, name="rate"),
]
