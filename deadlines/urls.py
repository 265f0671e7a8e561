from django.urls import path

from deadlines import views

app_name = "cases"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("new/", views.new, name="new"),
    path("new-instruction/", views.new_instruction, name="new_instruction"),
    path("section/", views.section, name="section"),
    path("overdue/", views.overdue, name="overdue"),
    path("extensions/late/", views.late_extensions, name="late_extensions"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/contact/", views.reveal_contact, name="reveal_contact"),
    path("<int:pk>/receipt/", views.receipt, name="receipt"),
    path("<int:pk>/receipt/pdf/", views.receipt_pdf, name="receipt_pdf"),
    path("<int:pk>/start/", views.start, name="start"),
    path("<int:pk>/complete/", views.complete, name="complete"),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("<int:pk>/ask-consent/", views.ask_consent, name="ask_consent"),
    path("<int:pk>/cover-note/", views.cover_note, name="cover_note"),
    path("<int:pk>/extensions/", views.extension_request, name="extension_request"),
    path("extensions/<int:pk>/approve/", views.extension_approve, name="extension_approve"),
    path("extensions/<int:pk>/reject/", views.extension_reject, name="extension_reject"),
]
