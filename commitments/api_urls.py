from importlib.util import find_spec

from django.urls import include, path
from rest_framework.routers import SimpleRouter

from commitments.api import ServiceItemViewSet

router = SimpleRouter()
router.register("service-items", ServiceItemViewSet, basename="service-item")

urlpatterns = router.urls

# The breach API is written alongside; until its module lands there is nothing to include.
if find_spec("commitments.api_breaches_urls") is not None:
    urlpatterns.append(path("", include("commitments.api_breaches_urls")))
