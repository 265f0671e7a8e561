from rest_framework.routers import SimpleRouter

from evaluation.api_ratings import RatingViewSet

router = SimpleRouter()
router.register("ratings", RatingViewSet, basename="rating")

urlpatterns = router.urls
