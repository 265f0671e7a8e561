from rest_framework.routers import SimpleRouter

from evaluation.api_follow_ups import FollowUpViewSet

router = SimpleRouter()
router.register("follow-ups", FollowUpViewSet, basename="follow-up")

urlpatterns = router.urls
