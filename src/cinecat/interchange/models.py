"""Every import is recorded: one job, one row per entry, so it can be reported and followed."""

from django.db import models


class OnDuplicate(models.TextChoices):
    UPDATE = "update", "Update the copy I have"
    SKIP = "skip", "Skip it"
    ADD = "add", "Add it as a new copy"


class ImportJob(models.Model):
    class Status(models.TextChoices):
        MAPPING = "mapping", "Waiting for its columns to be mapped"  # a CSV, before it is queued
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"
        UNDONE = "undone", "Undone"

    collection = models.ForeignKey(
        "catalog.Collection", on_delete=models.CASCADE, related_name="import_jobs"
    )
    source_name = models.CharField(max_length=255)
    upload = models.FileField(upload_to="imports/", blank=True)
    format_key = models.CharField(max_length=30, blank=True)
    on_duplicate = models.CharField(
        max_length=6, choices=OnDuplicate.choices, default=OnDuplicate.UPDATE
    )
    keep_going = models.BooleanField(
        default=False, help_text="Import the valid entries when some fail, instead of none"
    )
    add_unmatched = models.BooleanField(
        default=False,
        help_text="Films a diary names that the collection does not hold are added as watched, "
        "not owned (else they are listed and skipped)",
    )
    column_map = models.JSONField(default=dict, blank=True, help_text="CSV column → field")
    separators = models.JSONField(
        default=dict, blank=True, help_text="CSV column → what cuts its lists, where chosen"
    )
    status = models.CharField(max_length=7, choices=Status.choices, default=Status.QUEUED)
    total_bytes = models.PositiveBigIntegerField(null=True, blank=True)
    read_bytes = models.PositiveBigIntegerField(default=0)
    processed = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    same = models.PositiveIntegerField(
        default=0, help_text="Entries already in the collection as the file has them"
    )
    skipped = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    trashed = models.PositiveIntegerField(
        default=0, help_text="Copies created into the trash (a backup's copies that were there)"
    )
    error = models.TextField(blank=True, help_text="Why the whole import stopped, if it did")
    unmapped = models.JSONField(
        default=list, blank=True, help_text="Source fields whose values could not be kept"
    )
    kept = models.JSONField(
        default=list, blank=True, help_text="Source fields kept as the copies' other details"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.source_name} → {self.collection} ({self.status})"

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        if not self.total_bytes:
            return 0
        return min(99, int(100 * self.read_bytes / self.total_bytes))


class ImportItem(models.Model):
    class Action(models.TextChoices):
        CREATED = "created", "Created"
        UPDATED = "updated", "Updated"
        SAME = "same", "Already as in the file"
        SKIPPED = "skipped", "Skipped"  # the message says why
        FAILED = "failed", "Failed"

    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField()
    where = models.CharField(max_length=100)
    title = models.CharField(max_length=300)
    action = models.CharField(max_length=7, choices=Action.choices)
    copy = models.ForeignKey(
        "catalog.Copy", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    message = models.TextField(blank=True)
    changes = models.JSONField(
        default=dict, blank=True, help_text='What an update changed: {"Owner": ["", "Kerry"]}'
    )
    before = models.JSONField(
        null=True, blank=True, help_text="The entry an update replaced, to undo the import"
    )

    class Meta:
        ordering = ["job", "position"]

    def __str__(self) -> str:
        return f"{self.where}: {self.action} {self.title}"
