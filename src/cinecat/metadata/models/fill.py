"""A batch fill: the films of a list's selection given a provider's cast and plots where they
have none, copy by copy in the worker, with what happened to each."""

from django.conf import settings
from django.db import models


class FillJob(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    collection = models.ForeignKey(
        "catalog.Collection", on_delete=models.CASCADE, related_name="fill_jobs"
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    copies = models.JSONField(default=list, help_text="The ids of the copies picked, in order")
    status = models.CharField(max_length=7, choices=Status.choices, default=Status.QUEUED)
    processed = models.PositiveIntegerField(default=0)
    filled = models.PositiveIntegerField(default=0, help_text="Copies whose film got something")
    complete = models.PositiveIntegerField(
        default=0, help_text="Copies whose films had cast and plots already"
    )
    unmatched = models.PositiveIntegerField(
        default=0, help_text="Copies whose film no provider knew for sure"
    )
    failed = models.PositiveIntegerField(default=0)
    notes = models.JSONField(
        default=list, blank=True, help_text="What happened to each copy: [index, title, words]"
    )
    error = models.TextField(blank=True, help_text="Why the whole fill stopped, if it did")
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Fill of {len(self.copies)} copies of {self.collection} ({self.status})"

    @property
    def total(self) -> int:
        return len(self.copies)

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE or not self.copies:
            return 100
        return min(100, self.processed * 100 // len(self.copies))
