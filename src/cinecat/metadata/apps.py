from django.apps import AppConfig


class MetadataConfig(AppConfig):
    name = "cinecat.metadata"
    label = "metadata"
    verbose_name = "Metadata providers"

    def ready(self) -> None:
        from cinecat.core import workers

        from .settling import settle

        # A fill whose worker was lost goes on; one whose task failed says so (serve sweeps).
        workers.on_lost(settle)
