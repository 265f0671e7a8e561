from django.urls import path

from commitments import views_catalogue as views

app_name = "catalogue"

urlpatterns = [
    path("", views.catalogue_list, name="list"),
    path("new/", views.item_create, name="create"),
    path("import/", views.catalogue_import, name="import"),
    path("import/<slug:token>/", views.catalogue_import_preview, name="import_preview"),
    path("export.<str:file_format>", views.catalogue_export, name="export"),
    path("template.<str:file_format>", views.catalogue_template, name="template"),
    # A code may hold any character, "/" included.
    path("<path:code>/edit/", views.item_edit, name="edit"),
    path("<path:code>/", views.item_detail, name="item"),
]
