from rest_framework.routers import SimpleRouter

from inquiries.api import InquiryViewSet, TransferViewSet

router = SimpleRouter()
router.register("inquiries", InquiryViewSet, basename="inquiry")
router.register("transfers", TransferViewSet, basename="transfer")

urlpatterns = router.urls
