"""One import, from the first record to the commit (or to nothing at all)."""

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from operator import attrgetter

from django.db import DEFAULT_DB_ALIAS, connection, transaction

from cinecat.catalog.changes import changed
from cinecat.catalog.models import Collection, Copy
from cinecat.catalog.records import Record, WorkRecord
from cinecat.core import planner
from cinecat.core.bulk import NewRow, chunks
from cinecat.core.cycles import fewer_collections
from cinecat.search.index import index_new

from ..formats import cinecat_json
from ..formats.base import Unreadable
from ..formats.cinecat_json import BackupEntry
from ..models import OnDuplicate
from . import checks
from .batch import BatchWriter
from .matching import Incoming, find_existing
from .placement import Placements, trash_note
from .updates import merge, note_updates

BATCH_SIZE = 500
IMPORT_CACHE_KIB = -32 * 1024  # negative: KiB, not pages
KEPT = ["id", "collection_id", "edition_id", "index"]  # what a report keeps of each copy
_KEPT_VALUES = attrgetter(*KEPT)


@dataclass
class ItemResult:
    position: int
    where: str
    title: str
    action: str  # created, updated, skipped or failed
    copy: Copy | None = None  # with only its keys and index loaded; other fields load on use
    message: str = ""
    changes: dict[str, list[str]] = field(default_factory=dict)  # an update's, label → values
    before: dict | None = None  # the entry an update changed, as it was (JSON): to undo it


@dataclass
class ImportReport:
    items: list[ItemResult] = field(default_factory=list)
    unmapped: set[str] = field(default_factory=set)
    kept: set[str] = field(default_factory=set)  # fields kept as other details
    trashed: int = 0  # copies created into the trash, as a backup had them
    covers: int = 0  # covers a backup's entries brought

    def count(self, action: str) -> int:
        return sum(1 for item in self.items if item.action == action)

    @property
    def failures(self) -> list[ItemResult]:
        return [item for item in self.items if item.action == "failed"]


class ImportFailed(Exception):
    """Entries failed and the import was rolled back; the report says which and why."""

    def __init__(self, report: ImportReport, source: str = "") -> None:
        self.report = report
        failures = report.failures
        shown = "; ".join(f"{item.where}: {item.message}" for item in failures[:5])
        more = f" (and {len(failures) - 5} more)" if len(failures) > 5 else ""
        counted = f"{len(failures)} entr{'y' if len(failures) == 1 else 'ies'}"
        place = f"{source}: " if source else ""
        super().__init__(f"{place}{counted} could not be imported: {shown}{more}")


def apply_records(
    records: Iterable[Record | checks.Checked | BackupEntry],
    collection: Collection,
    *,
    source_key: str = "",
    on_duplicate: str = OnDuplicate.UPDATE,
    keep_going: bool = False,
    on_batch: Callable[[list[ItemResult]], None] | None = None,
    editions: dict[int, int] | None = None,
) -> ImportReport:
    """Store the records in ``collection`` in one transaction.

    An entry already in the collection (same source id, else barcode, else title + year +
    format) is updated, skipped or added again, as ``on_duplicate`` says. An entry that cannot
    be stored fails; unless ``keep_going``, any failure rolls the whole import back
    (ImportFailed). A broken file (FormatError from the reader) always does. A record may come
    checked already (``checks.checked``, where it was read): its checks are not made again.
    A backup's entry (``BackupEntry``) is written where the backup had it (``placement``);
    ``editions`` carries its edition numbers from one call to the next.
    """
    report = ImportReport()
    with transaction.atomic(), _roomy_cache(), fewer_collections():
        writer = BatchWriter(collection, source_key, Placements(editions))
        positions = enumerate(map(_checked, records), 1)
        created = analysed_at = 0
        claimed: set[int] = set()
        box_sets: dict[int, str] = {}  # copy → the source id of the box set it came in
        for batch in chunks(positions, BATCH_SIZE):
            results = _write_batch(writer, batch, on_duplicate, claimed)
            box_sets.update(_in_box_sets(batch, results))
            report.items.extend(results)
            created += sum(1 for result in results if result.action == "created")
            # Tables that grow from empty outgrow the planner's guesses: on SQLite, a lookup of
            # this very import (by source id, by barcode) would walk every copy of the
            # collection, batch after batch. Refreshed as the rows double.
            doubled = created >= max(2 * analysed_at, BATCH_SIZE)
            if doubled and planner.refresh_statistics(during_import=True):
                analysed_at = created
            for _, ((record, _, _), _) in batch:
                report.unmapped.update(record.unmapped)
                report.kept.update(name for name, _ in record.copy.other_details)
            if on_batch:
                on_batch(results)
        if report.failures and not keep_going:
            raise ImportFailed(report)
        _link_box_sets(collection, source_key, box_sets)
        report.trashed = writer.placements.trashed
        report.covers = writer.placements.stored_covers
    changed(counts=True)  # cached facet counts are stale now
    # And the planner's picture of the tables, unless the last refresh above already saw them
    # as they are.
    if created > analysed_at or any(item.action == "updated" for item in report.items):
        planner.refresh_statistics()
    return report


def _in_box_sets(batch: list, results: list[ItemResult]) -> dict[int, str]:
    """The copies of the batch's entries that came in a box set → the box set's source id."""
    parts = {position: item[0][0].part_of for position, item in batch if item[0][0].part_of}
    return {
        result.copy.pk: parts[result.position]
        for result in results
        if result.position in parts and result.copy is not None
    }


def _link_box_sets(collection: Collection, source_key: str, box_sets: dict[int, str]) -> None:
    """Each copy that came in a box set linked to the box set's copy, found by its source id
    (after the whole import: a source may list a box set's films before the box set). A copy
    of this source wins over one another source gave the same id."""
    if not box_sets:
        return
    parents: dict[str, int] = {}
    for wanted in chunks(set(box_sets.values()), 500):
        rows = Copy.everything.filter(collection=collection, source_id__in=wanted)
        ordered = sorted(
            rows.values_list("source_key", "source_id", "pk"), key=lambda row: row[0] == source_key
        )
        parents.update({source_id: pk for _, source_id, pk in ordered})
    linked = [(pk, parents[part_of]) for pk, part_of in box_sets.items() if part_of in parents]
    for chunk in chunks(linked, 500):
        copies = Copy.everything.in_bulk([pk for pk, _ in chunk])
        for pk, parent in chunk:
            copies[pk].box_set_id = parent if parent != pk else None
        Copy.everything.bulk_update(copies.values(), ["box_set"])


@contextmanager
def _roomy_cache() -> Iterator[None]:
    """On SQLite, a page cache big enough for the indexes an import writes, while it runs."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        before = cursor.fetchone()[0]
        cursor.execute(f"PRAGMA cache_size = {IMPORT_CACHE_KIB}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(before)}")


def _write_batch(
    writer: BatchWriter,
    batch: list[tuple[int, checks.Checked]],
    on_duplicate: str,
    claimed: set[int],
) -> list[ItemResult]:
    """Store one batch; ``claimed``: the copies earlier entries of the import made or matched
    (no later entry takes one of them), to which this batch's are added."""
    results: dict[int, ItemResult] = {}
    entries = []
    for position, ((record, problem, barcode), placement) in batch:
        entry = Incoming(position, record, barcode, placement=placement)
        entry.messages.extend(f"{name}: {why}" for name, why in record.copy.flags)
        if problem:
            results[position] = ItemResult(
                position, record.where, entry.title, "failed", message=problem
            )
        else:
            entries.append(entry)
    find_existing(writer.collection, writer.source_key, entries, claimed)
    if on_duplicate == OnDuplicate.ADD:
        known, new = [], entries
    else:
        known = [e for e in entries if e.existing]
        new = [e for e in entries if not e.existing]
    for entry in known:
        in_trash = entry.existing.trashed_at is not None
        if in_trash:
            entry.messages.append(f"matches copy #{entry.existing.index}, in the trash")
        if note := trash_note(entry.placement, False, in_trash):
            entry.messages.append(note)
    if on_duplicate == OnDuplicate.SKIP:
        for entry in known:
            results[entry.position] = _result(entry, "skipped", entry.existing)
        known = []
    merge(known)  # before the batch's names are looked up: a kept value names one too
    writer.prepare(entries)
    changing = [entry for entry in known if entry.changes]
    for entry in known:
        if not entry.changes:
            results[entry.position] = _result(entry, "same", entry.existing)
    if changing:
        for entry, copy in zip(changing, writer.update(changing), strict=True):
            results[entry.position] = _result(entry, "updated", copy)
        note_updates(changing)
    if new:
        for entry, copy in zip(new, writer.create(new), strict=True):
            if note := trash_note(entry.placement, True, True):
                entry.messages.append(note)
            results[entry.position] = _result(entry, "created", copy)
    # The search index is written in the same transaction: it rolls back with the import. New
    # copies' documents are made from what was written (reading them back costs more); the
    # rest goes through the change hook.
    index_new(*writer.take_documents())
    # An update may retitle a film that other copies show (a shared edition, a box set), new
    # ones of this batch too: their documents are in by now, and rewritten if they changed.
    changed(editions=[r.copy.edition_id for r in results.values() if r.action == "updated"])
    claimed.update(r.copy.pk for r in results.values() if r.copy is not None)
    return [results[position] for position, _ in batch]


def _checked(item: Record | checks.Checked | BackupEntry | Unreadable) -> tuple:
    """An item's checks, and where a backup had it (or None). An entry the reader could not
    read is one that fails, with the reader's reason."""
    if isinstance(item, BackupEntry):
        return checks.checked(item.record), item
    if isinstance(item, Unreadable):
        stand_in = Record(works=(WorkRecord(item.title),), where=item.where)
        return checks.Checked(stand_in, item.message, ""), None
    return checks.checked(item), None


def _result(entry: Incoming, action: str, copy: Copy | NewRow | None) -> ItemResult:
    return ItemResult(
        entry.position,
        entry.record.where,
        entry.title,
        action,
        _slim(copy),
        "; ".join(entry.messages),
        entry.changes,
        cinecat_json.as_plain(entry.before) if action == "updated" else None,
    )


def _slim(copy: Copy | NewRow | None) -> Copy | None:
    """The copy as ``.only(*KEPT)`` would load it: a report of 100,000 items stays small."""
    if copy is None:
        return None
    return Copy.from_db(DEFAULT_DB_ALIAS, KEPT, _KEPT_VALUES(copy))
