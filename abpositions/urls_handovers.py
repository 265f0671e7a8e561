"""Rule 4 pages: handovers, under /posts/handovers/."""

from django.urls import path

from abpositions import views_handovers as views

urlpatterns = [
    path("", views.mine, name="handovers"),
    path("<int:pk>/", views.detail, name="handover"),
    path("<int:pk>/hand-over/", views.hand_over, name="handover_hand_over"),
    path("<int:pk>/acknowledge/", views.acknowledge, name="handover_acknowledge"),
    path("<int:pk>/print/", views.print_view, name="handover_print"),
    path("<int:pk>/pdf/", views.pdf, name="handover_pdf"),
]
