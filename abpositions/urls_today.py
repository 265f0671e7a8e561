"""Rule 4's public page, mounted under the board (/board/today/) by the project's URLs:
the board's own app may not name it."""

from django.urls import path

from abpositions import views_today

app_name = "public_posts"

urlpatterns = [path("", views_today.today, name="today")]
