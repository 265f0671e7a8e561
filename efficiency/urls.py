from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from core.views import healthz
from org.views import home

handler404 = "core.api.page_not_found"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("efficiency.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("account/tokens/", include("apitokens.urls")),
    path("inbox/", include("messaging.urls")),
    path("calendar/", include("workdays.urls")),
    path("board/today/", include("abpositions.urls_today")),
    path("board/satisfaction/", include("evaluation.urls_board")),
    path("board/", include("commitments.urls_board")),
    path("complaints/", include("accountability.urls_public")),
    path("captcha/", include("captcha.urls")),
    path("catalogue/", include("commitments.urls_catalogue")),
    path("breaches/", include("commitments.urls_breaches")),
    path("posts/", include("abpositions.urls")),
    path("cases/", include("deadlines.urls")),
    path("track/", include("deadlines.urls_track")),
    path("inquiries/", include("inquiries.urls")),
    path("notices/", include("notifications.urls")),
    path("refusals/", include("refusals.urls")),
    path("accountability/", include("accountability.urls")),
    path("evaluation/", include("evaluation.urls")),
    path("rate/", include("evaluation.urls_public")),
    path("", include("org.urls")),
    path("", home, name="home"),
]
