from django.apps import AppConfig


class LendingConfig(AppConfig):
    name = "cinecat.lending"
    label = "lending"
    verbose_name = "Lending"
