from django.urls import path

from . import shared, views

app_name = "accounts"

urlpatterns = [
    path("collections/", views.collections, name="collections"),
    path("c/<slug:collection>/members/", views.members, name="members"),
    path("c/<slug:collection>/share/", views.share_links, name="share-links"),
    path("s/<str:token>/", shared.shared_list, name="shared-list"),
    path("s/<str:token>/<id:index>/", shared.shared_copy, name="shared-copy"),
]
