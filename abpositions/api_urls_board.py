"""Rule 4 API: board."""

from rest_framework.routers import SimpleRouter

from abpositions.api_board import PostViewSet

router = SimpleRouter()
router.register("posts", PostViewSet, basename="post")

urlpatterns = router.urls
