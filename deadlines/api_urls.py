from rest_framework.routers import SimpleRouter

from deadlines.api import CaseViewSet, ExtensionViewSet

router = SimpleRouter()
router.register("cases", CaseViewSet, basename="case")
router.register("extensions", ExtensionViewSet, basename="extension")

urlpatterns = router.urls
