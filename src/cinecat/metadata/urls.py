from django.urls import path

from . import fill_pages, update_pages, views

app_name = "metadata"

urlpatterns = [
    path("c/<slug:collection>/add/candidates/", views.candidates, name="candidates"),
    path(
        "c/<slug:collection>/add/from/<slug:provider>/<str:entry>/",
        views.add_from,
        name="add-from",
    ),
    path("c/<slug:collection>/<id:index>/update/", update_pages.copy_update, name="copy-update"),
    path("c/<slug:collection>/fill/", fill_pages.fill_selection, name="fill"),
    path("c/<slug:collection>/fill/<id:job>/", fill_pages.fill_detail, name="fill-detail"),
]
