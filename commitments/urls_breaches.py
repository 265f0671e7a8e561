from django.urls import path

from commitments import views_breaches as views

app_name = "breaches"

urlpatterns = [
    path("", views.breach_list, name="list"),
    path("new/", views.breach_new, name="new"),
    path("<int:pk>/", views.breach_detail, name="detail"),
    path("<int:pk>/decide/", views.breach_decide, name="decide"),
    path("<int:pk>/evidence/", views.breach_evidence, name="evidence"),
]
