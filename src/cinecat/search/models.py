"""The search index: one document per copy, its text already folded (case, accents).

SQLite mirrors the documents into an FTS5 table and PostgreSQL into generated tsvector columns,
both kept up to date by the database itself (see the migrations), so every write path that
touches SearchDocument — bulk or not — keeps full-text search in step. (``reindex`` alone copies
the FTS5 rows of many new documents itself, in one statement: faster than the trigger.)
"""

from django.db import models


class SearchDocument(models.Model):
    copy = models.OneToOneField(
        "catalog.Copy", primary_key=True, on_delete=models.CASCADE, related_name="search_document"
    )
    collection = models.ForeignKey("catalog.Collection", on_delete=models.CASCADE, related_name="+")
    title_text = models.TextField(help_text="display, sort and original titles")
    people_text = models.TextField(help_text="cast and crew names, characters")
    body_text = models.TextField(help_text="plots, tags, notes, distributor, barcode, index")

    def __str__(self) -> str:
        return self.title_text[:80]


class WorkVector(models.Model):
    """A work's text as a vector, for search by meaning (see ``vectors``).

    ``stale`` marks a vector whose work's text has changed since: it is still searched until it
    is computed again (by the change hook for a few works, by the worker or ``cinecat embed``
    for many), so a film is never missing from a search while it waits.
    """

    work = models.OneToOneField(
        "catalog.Work", primary_key=True, on_delete=models.CASCADE, related_name="vector"
    )
    vector = models.BinaryField(help_text="little-endian float16 numbers (embedding.to_blob)")
    digest = models.CharField(max_length=40, help_text="SHA-1 of the model and the text embedded")
    stale = models.BooleanField(default=False, db_index=True)

    def __str__(self) -> str:
        return f"vector of work {self.work_id}"
