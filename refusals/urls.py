from django.urls import path

from refusals import views, views_paper

app_name = "refusals"

urlpatterns = [
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/decide/", views.decide, name="decide"),
    path("<int:pk>/print/", views_paper.print_view, name="print"),
    path("<int:pk>/pdf/", views_paper.pdf, name="pdf"),
]
