from django.urls import path

from . import views

app_name = "metadata"

urlpatterns = [
    path("c/<slug:collection>/add/candidates/", views.candidates, name="candidates"),
    path(
        "c/<slug:collection>/add/from/<slug:provider>/<str:entry>/",
        views.add_from,
        name="add-from",
    ),
]
