from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "cinecat.accounts"
    label = "accounts"
    verbose_name = "Accounts"
