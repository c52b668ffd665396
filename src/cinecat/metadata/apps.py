from django.apps import AppConfig


class MetadataConfig(AppConfig):
    name = "cinecat.metadata"
    label = "metadata"
    verbose_name = "Metadata providers"
