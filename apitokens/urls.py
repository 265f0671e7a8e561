from django.urls import path

from apitokens import views

app_name = "apitokens"

urlpatterns = [
    path("", views.my_tokens, name="mine"),
    path("<int:token_id>/revoke/", views.revoke, name="revoke"),
]
