from django.apps import AppConfig


class InterchangeConfig(AppConfig):
    name = "cinecat.interchange"
    label = "interchange"
    verbose_name = "Import and export"

    def ready(self) -> None:
        from cinecat.core import workers

        from .settling import settle

        # What a lost worker was importing fails, saying why (cinecat serve sweeps).
        workers.on_lost(settle)
