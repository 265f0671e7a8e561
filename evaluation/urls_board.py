"""Rule 8's public page, mounted under the board (/board/satisfaction/) by the
project's URLs: the board's own app may not name it."""

from django.urls import path

from evaluation import views_public_board

app_name = "public_evaluation"

urlpatterns = [path("", views_public_board.satisfaction, name="satisfaction")]
