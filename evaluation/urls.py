from django.urls import path

from evaluation import urls_dashboard, views_follow_up

app_name = "evaluation"

urlpatterns = [
    path("follow-ups/<int:pk>/", views_follow_up.follow_up, name="follow_up"),
]
urlpatterns += urls_dashboard.urlpatterns
