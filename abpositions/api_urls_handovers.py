"""Rule 4 API: handovers."""

from rest_framework.routers import SimpleRouter

from abpositions.api_handovers import HandoverViewSet

router = SimpleRouter()
router.register("handovers", HandoverViewSet, basename="handover")

urlpatterns = router.urls
