"""What happened to a copy, who did it and when: the copy page shows the latest changes."""

from django.conf import settings
from django.db import models


class ChangeAction(models.TextChoices):
    ADDED = "added", "Added"
    EDITED = "edited", "Edited"
    BATCH = "batch", "Edited with others"
    TRASHED = "trashed", "Moved to the trash"
    RESTORED = "restored", "Restored from the trash"
    IMPORTED = "imported", "Updated by an import"
    UNDONE = "undone", "An import undone"
    # Updates from a film data service, by the key its provider has (cinecat.metadata.registry).
    TMDB = "tmdb", "Updated from TMDb"
    IMDB = "imdb", "Updated from IMDb's datasets"


class CopyChange(models.Model):
    copy = models.ForeignKey("catalog.Copy", on_delete=models.CASCADE, related_name="changes")
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=8, choices=ChangeAction.choices)
    changes = models.JSONField(default=dict, blank=True, help_text='{"Owner": ["old", "new"]}')

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.at:%Y-%m-%d %H:%M}"


class Viewing(models.Model):
    """A time the film on a copy was watched: when, where, with whom."""

    copy = models.ForeignKey("catalog.Copy", on_delete=models.CASCADE, related_name="viewing_log")
    watched_on = models.DateField(null=True, blank=True)
    place = models.CharField(max_length=200, blank=True, help_text="e.g. at home, a cinema")
    company = models.CharField(max_length=200, blank=True, help_text="with whom")
    note = models.TextField(blank=True)
    rewatch = models.BooleanField(default=False, help_text="Seen before this time")
    episode = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The episode seen: its place among the edition's"
    )

    class Meta:
        ordering = ["copy", "watched_on", "id"]

    def __str__(self) -> str:
        return f"{self.copy} seen {self.watched_on or 'once'}"
