from django.urls import path

from commitments import views_board

app_name = "board"

urlpatterns = [
    path("", views_board.index, name="index"),
    path("items/", views_board.items, name="items"),
    path("items/<str:code>/", views_board.item, name="item"),
    path("staff/", views_board.staff, name="staff"),
    path("rules/", views_board.rules, name="rules"),
]
