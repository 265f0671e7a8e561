from django.urls import path

from accountability import views_desk, views_records, views_report

urlpatterns = [
    path("", views_desk.desk, name="desk"),
    path("mine/", views_desk.mine, name="mine"),
    path("records/", views_report.report, name="report"),
    path("records/export.<str:file_format>", views_report.report_download, name="report_export"),
    path("staff/<int:staff_id>/<int:year>/", views_report.person_year, name="person_year"),
    path("records/<int:pk>/", views_records.record, name="record"),
    path("records/<int:pk>/explain/", views_records.explain, name="record_explain"),
    path("records/<int:pk>/appeal/", views_records.appeal, name="record_appeal"),
    path("records/<int:pk>/appeal/decide/", views_records.appeal_decide, name="record_appeal_decide"),
    path("records/<int:pk>/decide/", views_records.decide, name="record_decide"),
    path("records/<int:pk>/correct/", views_records.correct, name="record_correct"),
    path("records/<int:pk>/acknowledge/", views_records.acknowledge, name="record_acknowledge"),
    path("records/<int:pk>/evidence/<int:evidence_pk>/", views_records.evidence, name="record_evidence"),
]
