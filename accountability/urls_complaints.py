from django.urls import path

from accountability import views_complaints

urlpatterns = [
    path("complaints/", views_complaints.complaint_list, name="complaints"),
    path("complaints/new/", views_complaints.complaint_new, name="complaint_new"),
    path("complaints/<int:pk>/", views_complaints.complaint, name="complaint"),
    path("complaints/<int:pk>/contact/", views_complaints.reveal_contact, name="complaint_contact"),
    path("complaints/<int:pk>/accept/", views_complaints.complaint_accept, name="complaint_accept"),
    path("complaints/<int:pk>/decline/", views_complaints.complaint_decline, name="complaint_decline"),
    path("complaints/<int:pk>/extend/", views_complaints.complaint_extend, name="complaint_extend"),
    path("complaints/<int:pk>/answer/", views_complaints.complaint_answer, name="complaint_answer"),
]
