"""The site's URLs plus a view that fails, to see the 500 page."""

from django.urls import path

from efficiency.urls import handler404
from efficiency.urls import urlpatterns as site_urlpatterns


def boom(request):
    raise RuntimeError("boom")


urlpatterns = [path("boom/", boom), *site_urlpatterns]
__all__ = ["handler404", "urlpatterns"]
