from django.urls import path

from evaluation import urls_dashboard, views_follow_up

app_name = "evaluation"

urlpatterns = [
    path("follow-ups/", views_follow_up.follow_up_list, name="follow_ups"),
    path("follow-ups/<int:pk>/", views_follow_up.follow_up, name="follow_up"),
    path("follow-ups/<int:pk>/contact/", views_follow_up.reveal_contact, name="follow_up_contact"),
    path("follow-ups/<int:pk>/call-back/", views_follow_up.call_back, name="follow_up_call_back"),
    path("follow-ups/<int:pk>/fix/", views_follow_up.fix, name="follow_up_fix"),
    path("follow-ups/<int:pk>/appeal/", views_follow_up.appeal, name="follow_up_appeal"),
    path("follow-ups/<int:pk>/appeal/decide/", views_follow_up.appeal_decide, name="follow_up_appeal_decide"),
    path("follow-ups/<int:pk>/evidence/", views_follow_up.evidence, name="follow_up_evidence"),
]
urlpatterns += urls_dashboard.urlpatterns
