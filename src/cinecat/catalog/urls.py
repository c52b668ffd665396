from django.urls import path

from . import views

app_name = "catalog"

urlpatterns = [
    path("", views.home, name="home"),
    path("c/<slug:collection>/", views.collection_detail, name="collection-detail"),
    path("c/<slug:collection>/<int:index>/", views.copy_detail, name="copy-detail"),
    path("c/<slug:collection>/<int:index>/cast/", views.copy_cast, name="copy-cast"),
    path("c/<slug:collection>/people/<int:person>/", views.person_detail, name="person-detail"),
    path(
        "c/<slug:collection>/locations/<int:location>/",
        views.location_detail,
        name="location-detail",
    ),
    path("c/<slug:collection>/storage/<int:device>/", views.storage_detail, name="storage-detail"),
]
