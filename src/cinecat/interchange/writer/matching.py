"""Is this entry already in the collection? By source id, then barcode, then title+year+format."""

from dataclasses import dataclass, field

from cinecat.catalog.bulk import chunks
from cinecat.catalog.models import Collection, Copy
from cinecat.catalog.models.work import folded_title

from ..formats.base import Record

# Values a lookup statement: SQLite's sampled statistics (``catalog.planner``) make any
# collection look like a thousand copies, and past about 200 values it would rather walk them
# all than look each value up in its index (at 100,000 copies: 100 ms a statement, not 1 ms).
LOOKUP_CHUNK = 100


@dataclass
class Entry:
    position: int
    record: Record
    barcode: str = ""
    existing: Copy | None = None
    messages: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.record.works[0].title if self.record.works else ""


def find_existing(collection: Collection, source_key: str, entries: list[Entry]) -> None:
    """Set ``entry.existing`` to the collection's copy of the same entry, where there is one."""
    copies = collection.copies.select_related("edition")
    found: dict[int, int] = {}  # position → copy pk
    by_source = {e.record.source_id: e for e in entries if source_key and e.record.source_id}
    for chunk in chunks(by_source, LOOKUP_CHUNK):
        rows = copies.filter(source_key=source_key, source_id__in=chunk)
        for pk, source_id in rows.values_list("pk", "source_id"):
            found[by_source[source_id].position] = pk
    _by_barcode(copies, [e for e in entries if e.barcode and e.position not in found], found)
    _by_title(copies, [e for e in entries if not e.barcode and e.position not in found], found)
    loaded = copies.in_bulk(set(found.values()))
    claimed: set[int] = set()
    for entry in entries:
        pk = found.get(entry.position)
        if pk is not None and pk not in claimed:  # two entries never claim one copy
            entry.existing = loaded[pk]
            claimed.add(pk)


def _by_barcode(copies, entries: list[Entry], found: dict[int, int]) -> None:
    wanted = {e.barcode for e in entries}
    candidates: dict[str, list[tuple[int, int]]] = {}
    for chunk in chunks(wanted, LOOKUP_CHUNK):
        rows = copies.filter(edition__barcode__in=chunk).order_by("index")
        for pk, index, barcode in rows.values_list("pk", "index", "edition__barcode"):
            candidates.setdefault(barcode, []).append((pk, index))
    for entry in entries:
        options = candidates.get(entry.barcode, [])
        same_index = [pk for pk, index in options if index == entry.record.copy.index]
        if same_index or options:
            found[entry.position] = (same_index or [options[0][0]])[0]


def _by_title(copies, entries: list[Entry], found: dict[int, int]) -> None:
    # Titles are compared folded in Python and stored folded, so that 'ÖTZI' is 'Ötzi' on
    # every database (SQLite's lower() leaves 'Ö' as it is).
    wanted = {
        (folded_title(e.title), e.record.works[0].year, e.record.edition.format): e
        for e in entries
        if e.record.works
    }
    titles = {folded for folded, _, _ in wanted}
    for chunk in chunks(titles, LOOKUP_CHUNK):
        rows = copies.filter(
            edition__edition_works__order=0, edition__edition_works__work__folded_title__in=chunk
        ).values_list(
            "pk",
            "edition__edition_works__work__folded_title",
            "edition__edition_works__work__year",
            "edition__format",
        )
        for pk, *key in rows:
            entry = wanted.get(tuple(key))
            if entry is not None and entry.position not in found:
                found[entry.position] = pk
