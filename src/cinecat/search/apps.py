from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "cinecat.search"
    label = "search"
    verbose_name = "Search"

    def ready(self) -> None:
        from cinecat.catalog import changes

        from .derived import refresh

        changes.subscribe(refresh)  # the index and the facet counts follow every write
