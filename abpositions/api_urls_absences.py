"""Rule 4 API: absences and me/."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from abpositions.api_absences import AbsenceViewSet, MeView

router = SimpleRouter()
router.register("absences", AbsenceViewSet, basename="absence")

urlpatterns = [path("me/", MeView.as_view(), name="me"), *router.urls]
