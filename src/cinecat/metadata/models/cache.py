"""Providers' answers, kept in the database so that no request is made twice in a day."""

from django.db import models


class CachedResponse(models.Model):
    """One request's answer (a JSON document), as a provider's service sent it."""

    provider = models.CharField(max_length=20)
    key = models.CharField(max_length=64, unique=True, help_text="SHA-256 of provider + request")
    request = models.CharField(
        max_length=500, help_text="What was asked (never the API key), for people reading this"
    )
    body = models.TextField(help_text="The answer, as JSON")
    fetched_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["provider", "fetched_at"], name="metadata_cache_age")]

    def __str__(self) -> str:
        return f"{self.provider}: {self.request}"
