"""The evaluation pages (rule 8), added to the "evaluation" namespace by evaluation/urls.py."""

from django.urls import path

from evaluation import views_dashboard

urlpatterns = [
    path("", views_dashboard.dashboard, name="dashboard"),
    path("export.xlsx", views_dashboard.export, name="export"),
    path("report/", views_dashboard.report_print, name="report"),
    path("revise/", views_dashboard.revise, name="revise"),
    path("mine/", views_dashboard.mine, name="mine"),
    path("explain/<str:level>/<int:who>/<str:period>/", views_dashboard.explain, name="explain"),
]
