from rest_framework.routers import SimpleRouter

from commitments.api_breaches import BreachViewSet

router = SimpleRouter()
router.register("breaches", BreachViewSet, basename="breach")

urlpatterns = router.urls
