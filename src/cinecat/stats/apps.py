from django.apps import AppConfig


class StatsConfig(AppConfig):
    name = "cinecat.stats"
    label = "stats"
    verbose_name = "Statistics"
