from django.urls import include, path
from rest_framework.routers import SimpleRouter

from commitments.api import ServiceItemViewSet

router = SimpleRouter()
router.register("service-items", ServiceItemViewSet, basename="service-item")

urlpatterns = [*router.urls, path("", include("commitments.api_breaches_urls"))]
