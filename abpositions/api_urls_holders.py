"""Rule 4 API: holders."""

from rest_framework.routers import SimpleRouter

from abpositions.api_holders import HolderChangeViewSet

router = SimpleRouter()
router.register("holder-changes", HolderChangeViewSet, basename="holder-change")

urlpatterns = router.urls
