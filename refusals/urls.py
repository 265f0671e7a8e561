from django.urls import path

from refusals import views, views_file, views_paper, views_queue, views_register

app_name = "refusals"

urlpatterns = [
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/decide/", views.decide, name="decide"),
    path("<int:pk>/print/", views_paper.print_view, name="print"),
    path("<int:pk>/pdf/", views_paper.pdf, name="pdf"),
    path("file/case/<int:pk>/", views_file.file_case, name="file_case"),
    path("file/inquiry/<int:pk>/", views_file.file_inquiry, name="file_inquiry"),
    path("queue/", views_queue.queue, name="queue"),
    path("", views_register.register, name="register"),
    path("export/", views_register.register_export, name="register_export"),
]
