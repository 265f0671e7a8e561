from django.urls import path

from messaging import views

app_name = "messaging"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<int:message_id>/", views.detail, name="detail"),
    path("mark-all-read/", views.mark_all_read, name="mark_all_read"),
]
