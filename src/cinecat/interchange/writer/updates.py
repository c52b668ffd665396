"""An import's updates: what the file carries merged over what the catalog has, each change
said (for the report and the copy's history) and what it replaced kept (to undo it).

An update never erases: a field the file does not carry, or carries empty, keeps its value
(``catalog.merging``). An entry whose merged record is the stored one changes nothing and is
not written again.
"""

import dataclasses

from django.utils import timezone

from cinecat.catalog import history
from cinecat.catalog.merging import merged, same_entry
from cinecat.catalog.models import ChangeAction, Copy, CopyChange
from cinecat.core.bulk import insert_rows
from cinecat.interchange.export import records_of

from .matching import Incoming


def merge(entries: list[Incoming]) -> None:
    """Give each entry its copy's stored record (``before``) and, as its record, what the
    update makes of it; ``changes`` says what differs (nothing: the entry changes nothing)."""
    if not entries:
        return
    ordered = Copy.everything.filter(pk__in=[e.existing.pk for e in entries]).order_by("pk")
    stored = dict(zip(ordered.values_list("pk", flat=True), records_of(ordered), strict=True))
    for entry in entries:
        before = stored[entry.existing.pk]
        incoming = _aware_times(entry.record)
        if entry.barcode:  # as the catalog holds it (EAN-13), not as the file wrote it
            edition = dataclasses.replace(incoming.edition, barcode=entry.barcode)
            incoming = dataclasses.replace(incoming, edition=edition)
        after = merged(before, incoming)
        if after.copy.index != before.copy.index:  # an update keeps the copy's number
            after = dataclasses.replace(
                after, copy=dataclasses.replace(after.copy, index=before.copy.index)
            )
        entry.before = before
        entry.record = after
        if not same_entry(before, after):
            entry.changes = history.differences(history.snapshot(before), history.snapshot(after))
            if not entry.changes:  # a change no label shows (a credit's voice flag …)
                entry.changes = {"Details": ["", "changed"]}


def _aware_times(record):
    """The record with its copy's times aware, as the writer stores them (a time without a
    zone is the catalog's local time)."""
    copy = record.copy
    times = {
        name: timezone.make_aware(value)
        for name in ("added_at", "modified_at")
        if (value := getattr(copy, name)) is not None and timezone.is_naive(value)
    }
    if not times:
        return record
    return dataclasses.replace(record, copy=dataclasses.replace(copy, **times))


def note_updates(entries: list[Incoming], by_id: int | None = None) -> None:
    """Put each update on its copy's history, by whom the import was started if known."""
    rows = [
        (entry.existing.pk, ChangeAction.IMPORTED, entry.changes, by_id)
        for entry in entries
        if entry.changes
    ]
    insert_rows(CopyChange, ["copy", "action", "changes", "by"], rows)
