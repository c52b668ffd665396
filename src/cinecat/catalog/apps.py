from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "cinecat.catalog"
    label = "catalog"
    verbose_name = "Catalog"
