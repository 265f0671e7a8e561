"""Rule 4 pages: the chief's consent to B acting on A's urgent matter."""

from django.urls import path

from abpositions import views_consent

urlpatterns = [
    path("", views_consent.consent_list, name="consent_list"),
    path("<int:pk>/", views_consent.consent_detail, name="consent_detail"),
    path("<int:pk>/decide/", views_consent.consent_decide, name="consent_decide"),
]
