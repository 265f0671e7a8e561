from django.urls import path

from inquiries import views

app_name = "inquiries"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("new/", views.new, name="new"),
    path("staff-search/", views.staff_search, name="staff_search"),
    path("transfers/", views.transfers, name="transfers"),
    path("transfers/<int:pk>/acknowledge/", views.acknowledge, name="acknowledge"),
    path("register/", views.register, name="register"),
    path("section/", views.section, name="section"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/contact/", views.reveal_contact, name="reveal_contact"),
    path("<int:pk>/outcome/", views.record_outcome, name="outcome"),
    path("<int:pk>/open-case/", views.open_case, name="open_case"),
    path("<int:pk>/cover-note/", views.cover_note, name="cover_note"),
]
