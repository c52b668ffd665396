"""Entries whose copy was in the trash where they come from go back into the trash.

A backup's entries (cinecat JSON, version 2) say when each copy went to the trash. A restore,
and an import of the backup's ``cinecat.json``, note those entries by their position, let the
record writer store them like any other, then put the copies it created back into the trash,
with the time they went there. A copy that an import updated stays where the catalog has it:
an import adds and updates, it never takes a copy off the shelves; its report says so.
"""

import datetime as dt
from collections.abc import Iterable, Iterator

from cinecat.catalog.changes import changed
from cinecat.catalog.models import Copy
from cinecat.catalog.records import Record
from cinecat.core.bulk import update_objects

from .formats.cinecat_json import BackupEntry as Entry
from .writer import ItemResult
from .writer.checks import Checked


class Trashed:
    """When each trashed entry's copy went to the trash, by the entry's position (from 1)."""

    def __init__(self) -> None:
        self.since: dict[int, dt.datetime] = {}

    def note(self, position: int, entry: Entry) -> None:
        if entry.trashed_at is not None:
            self.since[position] = entry.trashed_at

    def records(self, entries: Iterable[Entry]) -> Iterator[Record | Checked]:
        """The entries' records (checked already where they were read, if they were), in
        order, noting those whose copy was in the trash."""
        for position, entry in enumerate(entries, 1):
            self.note(position, entry)
            yield entry.record

    def put_back(self, items: Iterable[ItemResult]) -> int:
        """Move the copies created for trashed entries into the trash; how many were moved.
        Each item says what became of its copy."""
        back, updated = [], []
        for item in items:
            since = self.since.get(item.position)
            if since is None or item.copy is None:
                continue
            if item.action == "created":
                back.append(Copy(pk=item.copy.pk, trashed_at=since))
                _tell(item, f"into the trash, as in the file (there since {since:%Y-%m-%d})")
            elif item.action in ("updated", "same"):
                updated.append(item)
        # A copy the import matched in the trash stays there, as its entry says already.
        in_trash = set(
            Copy.everything.filter(pk__in=[item.copy.pk for item in updated])
            .filter(trashed_at__isnull=False)
            .values_list("pk", flat=True)
        )
        for item in updated:
            if item.copy.pk not in in_trash:
                since = self.since[item.position]
                _tell(
                    item,
                    f"in the trash in the file (since {since:%Y-%m-%d}): the copy it updated "
                    "stays in the catalog",
                )
        update_objects(Copy, back, ["trashed_at"])
        changed(counts=bool(back))  # the collection's counts no longer hold these copies
        return len(back)


def _tell(item: ItemResult, message: str) -> None:
    item.message = f"{item.message}; {message}" if item.message else message
