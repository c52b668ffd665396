"""Is this entry already in the collection? By source id, then barcode, then title+year+format."""

from collections import defaultdict
from dataclasses import dataclass, field

from cinecat.catalog.models import Collection, Copy
from cinecat.catalog.models.work import folded_title
from cinecat.catalog.records import Record
from cinecat.core.bulk import chunks

# Values a lookup statement: SQLite's sampled statistics (``catalog.planner``) make any
# collection look like a thousand copies, and past about 200 values it would rather walk them
# all than look each value up in its index (at 100,000 copies: 100 ms a statement, not 1 ms).
LOOKUP_CHUNK = 100


@dataclass
class Incoming:
    """An entry of the file on its way in: its record, and what matching finds for it."""

    position: int
    record: Record
    barcode: str = ""
    existing: Copy | None = None
    messages: list[str] = field(default_factory=list)
    before: Record | None = None  # the existing copy's entry, as stored before an update
    changes: dict[str, list[str]] = field(default_factory=dict)  # label → [before, after]
    placement: object = None  # a backup's BackupEntry: the trash, the edition's number, covers

    @property
    def title(self) -> str:
        return self.record.works[0].title if self.record.works else ""


def find_existing(
    collection: Collection,
    source_key: str,
    entries: list[Incoming],
    claimed: set[int] | None = None,
) -> None:
    """Set ``entry.existing`` to the collection's copy of the same entry, where there is one.

    Copies in the trash count: a copy trashed (sold, given away) and still in the file that
    is imported again is that copy, left in the trash, not a new one on the shelves. Two
    entries never take the same copy (``claimed``: those the import's earlier entries made or
    took), and the surest matches choose first: entries of the same source id, then entries
    that find the copy of their own number; the others then take, in the file's order, a live
    copy before one in the trash.
    """
    # Copy.everything: the trash too (the collection's own manager leaves it out).
    copies = Copy.everything.filter(collection=collection).select_related("edition")
    found: dict[int, list[Option]] = {}  # position → the copies it may be
    by_source: dict[str, list[Incoming]] = defaultdict(list)  # a file may repeat a source id
    for entry in entries:
        if source_key and entry.record.source_id:
            by_source[entry.record.source_id].append(entry)
    for chunk in chunks(by_source, LOOKUP_CHUNK):
        rows = copies.filter(source_key=source_key, source_id__in=chunk)
        for pk, index, trashed_at, source_id in rows.values_list(*_OPTION, "source_id"):
            for entry in by_source[source_id]:
                found.setdefault(entry.position, []).append((pk, index, trashed_at))
    sure = set(found)  # matched by source id
    _by_barcode(copies, [e for e in entries if e.barcode and e.position not in found], found)
    _by_title(copies, [e for e in entries if not e.barcode and e.position not in found], found)
    _claim(copies, entries, found, sure, set() if claimed is None else set(claimed))


Option = tuple[int, int, object]  # a copy's pk, index and trashed_at
_OPTION = ("pk", "index", "trashed_at")


def _claim(
    copies, entries: list[Incoming], found: dict[int, list[Option]], sure: set[int], claimed: set
) -> None:
    loaded = copies.in_bulk({pk for options in found.values() for pk, _, _ in options})
    # Each entry's copies best first: its own number, then on the shelves, then by number.
    ranked = {
        entry.position: sorted(
            found[entry.position],
            key=lambda o, wanted=entry.record.copy.index: (o[1] != wanted, o[2] is not None, o[1]),
        )
        for entry in entries
        if found.get(entry.position)
    }
    waiting = [entry for entry in entries if entry.position in ranked]
    rounds = (
        lambda entry, index: entry.position in sure,  # the same source id
        lambda entry, index: index == entry.record.copy.index,  # the copy of its own number
        lambda entry, index: True,
    )
    for fits in rounds:
        left = []
        for entry in waiting:
            options = ranked[entry.position]
            pks = [pk for pk, index, _ in options if pk not in claimed and fits(entry, index)]
            if pks:
                claimed.add(pks[0])
                entry.existing = loaded[pks[0]]
            else:
                left.append(entry)
        waiting = left


def _by_barcode(copies, entries: list[Incoming], found: dict[int, list[Option]]) -> None:
    wanted = {e.barcode for e in entries}
    candidates: dict[str, list[Option]] = {}
    for chunk in chunks(wanted, LOOKUP_CHUNK):
        rows = copies.filter(edition__barcode__in=chunk)
        for pk, index, trashed_at, barcode in rows.values_list(*_OPTION, "edition__barcode"):
            candidates.setdefault(barcode, []).append((pk, index, trashed_at))
    for entry in entries:
        if entry.barcode in candidates:
            found[entry.position] = candidates[entry.barcode]


def _by_title(copies, entries: list[Incoming], found: dict[int, list[Option]]) -> None:
    # Titles are compared folded in Python and stored folded, so that 'ÖTZI' is 'Ötzi' on
    # every database (SQLite's lower() leaves 'Ö' as it is).
    def key(entry: Incoming) -> tuple:
        return (folded_title(entry.title), entry.record.works[0].year, entry.record.edition.format)

    keyed = [(key(e), e) for e in entries if e.record.works]
    candidates: dict[tuple, list[Option]] = {}
    for chunk in chunks({k[0] for k, _ in keyed}, LOOKUP_CHUNK):
        rows = copies.filter(
            edition__edition_works__order=0, edition__edition_works__work__folded_title__in=chunk
        ).values_list(
            *_OPTION,
            "edition__edition_works__work__folded_title",
            "edition__edition_works__work__year",
            "edition__format",
        )
        for pk, index, trashed_at, *found_key in rows:
            candidates.setdefault(tuple(found_key), []).append((pk, index, trashed_at))
    for entry_key, entry in keyed:
        if entry_key in candidates:
            found[entry.position] = candidates[entry_key]
