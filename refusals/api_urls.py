from rest_framework.routers import SimpleRouter

from refusals.api import RefusalViewSet

router = SimpleRouter()
router.register("refusals", RefusalViewSet, basename="refusal")

urlpatterns = router.urls
