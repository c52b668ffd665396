from django.urls import path

from . import batch, views, watch_tonight

app_name = "search"

urlpatterns = [
    path("c/<slug:collection>/", views.collection_detail, name="collection-detail"),
    path("c/<slug:collection>/facets/", views.collection_facets, name="collection-facets"),
    path("c/<slug:collection>/batch/", batch.batch_edit, name="batch-edit"),
    path("c/<slug:collection>/tonight/", watch_tonight.watch_tonight, name="watch-tonight"),
    path("c/<slug:collection>/<id:index>/around/", views.copy_around, name="copy-around"),
]
