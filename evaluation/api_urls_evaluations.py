from django.urls import path

from evaluation.api_evaluations import EvaluationView

urlpatterns = [
    path("evaluations/", EvaluationView.as_view(), name="evaluations"),
]
