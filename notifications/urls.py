from django.urls import path

from notifications import views

app_name = "notices"

urlpatterns = [
    path("", views.notice_list, name="list"),
    path("new/", views.new, name="new"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/contact/", views.reveal_contact, name="reveal_contact"),
    path("<int:pk>/visits/", views.visit, name="visit"),
    path("<int:pk>/open-case/", views.open_case, name="open_case"),
    path("<int:pk>/print/", views.print_view, name="print"),
    path("<int:pk>/pdf/", views.pdf, name="pdf"),
]
