from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "cinecat.search"
    label = "search"
    verbose_name = "Search"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (keeps the index in step with edits)
