"""Rule 4 pages: the post board."""

from django.urls import path

from abpositions import views_board

urlpatterns = [path("", views_board.board, name="board")]
