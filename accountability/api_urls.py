from rest_framework.routers import SimpleRouter

from accountability.api import ComplaintViewSet, RecordViewSet

router = SimpleRouter()
router.register("complaints", ComplaintViewSet, basename="complaint")
router.register("accountability-records", RecordViewSet, basename="accountability-record")

urlpatterns = router.urls
