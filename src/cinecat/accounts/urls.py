from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("collections/", views.collections, name="collections"),
    path("c/<slug:collection>/members/", views.members, name="members"),
]
