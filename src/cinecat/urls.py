from django.contrib import admin
from django.urls import include, path, register_converter

from cinecat.core.ids import IdConverter

# <id:…> in every app's URLs: an id no longer than a database's integers.
register_converter(IdConverter, "id")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("cinecat.catalog.urls")),
    path("", include("cinecat.search.urls")),
    path("", include("cinecat.lending.urls")),
    path("", include("cinecat.metadata.urls")),
    path("", include("cinecat.interchange.urls")),
    path("", include("cinecat.stats.urls")),
]
