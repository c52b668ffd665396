"""The catalog read back as records: the reverse of the record writer.

Every field the writer stores comes back, so that exporting, importing the file elsewhere and
exporting again gives the same records. Exports, backups and the history read copies so.
"""

from collections import defaultdict
from collections.abc import Callable, Iterator

from django.db.models import QuerySet

from cinecat.core.bulk import chunks, grouped, with_ids

from .models import Copy, Credit, EditionWork, Location, Plot, Work
from .records import (
    CopyRecord,
    CreditRecord,
    EditionRecord,
    LoanRecord,
    PlotRecord,
    Record,
    WorkRecord,
)

CHUNK_SIZE = 1000
WORK_LINKS = ("genres", "countries", "languages")
# The parts of a record read by queries of their own; the copy, its edition, its works' own
# fields and its location are always read. Loans are lending's: read by the reader a caller
# passes (``loans_of``), for catalog knows nothing of lending.
PARTS = frozenset({*WORK_LINKS, "credits", "plots", "tags"})
PlainValues = dict[int, tuple[str, ...]]
LoanReader = Callable[[list[int]], dict[int, tuple[LoanRecord, ...]]]


def records_of(
    copies: QuerySet[Copy], *, parts: frozenset[str] = PARTS, loans_of: LoanReader | None = None
) -> Iterator[Record]:
    """The copies as records, in the queryset's order, read CHUNK_SIZE copies at a time.

    Each chunk costs the same dozen queries however many copies, works and people it holds;
    rows come back as plain tuples (a model instance per credit would cost more than the rest).
    Only the ``parts`` named are read (all by default), and loans only with ``loans_of``; the
    others are empty in the records.
    """
    unknown = parts - PARTS
    if unknown:
        raise ValueError(f"unknown record parts: {', '.join(sorted(unknown))}")
    if not copies.ordered:
        copies = copies.order_by("pk")  # an export is always in a stated order
    pks = list(copies.values_list("pk", flat=True))
    paths = _LocationPaths()
    for chunk in chunks(pks, CHUNK_SIZE):
        # Copy.everything: the caller's queryset chose the copies, the trash too if it asked.
        rows = with_ids(Copy.everything, "id", chunk).values_list(*_COPY)
        loaded = {row[0]: row for row in rows}
        paths.load({row[1] for row in loaded.values()})
        works_of = _works_of({row[2] for row in loaded.values()}, parts)
        tags = _tags(list(loaded)) if "tags" in parts else {}
        loans = loans_of(list(loaded)) if loans_of else {}
        editions: dict[int, EditionRecord] = {}
        for pk in chunk:
            row = loaded[pk]
            edition_id = row[2]
            if edition_id not in editions:
                editions[edition_id] = _edition_record(row[_EDITION_AT:])
            yield Record(
                works=works_of.get(edition_id, ()),
                edition=editions[edition_id],
                copy=_copy_record(row, paths.path(row[3]), tags.get(pk, ()), loans.get(pk, ())),
                source_id=row[_SOURCE_ID_AT],
                where=f"copy #{row[_INDEX_AT]}",
            )


# One query a chunk reads each copy with its edition: the columns, in the records' order.
_COPY_FIELDS = (
    "index",
    "status",
    "owner",
    "storage_device__name",
    "storage_slot",
    "purchased_on",
    "purchase_price",
    "purchase_currency",
    "purchase_store",
    "condition",
    "notes",
    "my_rating",
    "viewings",
    "added_at",
    "modified_at",
    "other_details",
)
_EDITION_FIELDS = (
    "edition__format",
    "edition__name",
    "edition__distributor__name",
    "edition__release_date",
    "edition__barcode",
    "edition__rating_country",
    "edition__rating",
    "edition__regions",
    "edition__discs",
    "edition__packaging",
    "edition__aspect_ratio",
    "edition__audio",
    "edition__subtitles",
)
_COPY = ("pk", "collection_id", "edition_id", "location_id", "source_id")
_COPY += _COPY_FIELDS + _EDITION_FIELDS
_SOURCE_ID_AT, _INDEX_AT = _COPY.index("source_id"), _COPY.index("index")
_EDITION_AT = len(_COPY) - len(_EDITION_FIELDS)
_WORK = (
    "title",
    "sort_title",
    "original_title",
    "year",
    "runtime_minutes",
    "colour",
    "trailer_url",
    "imdb_id",
    "tmdb_id",
)


def _works_of(edition_ids: set[int], parts: frozenset[str]) -> dict[int, tuple[WorkRecord, ...]]:
    """Each edition's works, in order, with the plots, credits and pick-list values in ``parts``."""
    rows = (
        with_ids(EditionWork.objects, "edition", edition_ids)
        .order_by("order", "pk")
        .values_list("edition_id", "work_id", *(f"work__{name}" for name in _WORK))
    )
    rows = list(rows)
    work_ids = list({row[1] for row in rows})
    links = {name: _work_values(name, work_ids) if name in parts else {} for name in WORK_LINKS}
    plots = _plots(work_ids) if "plots" in parts else {}
    credits = _credits(work_ids) if "credits" in parts else {}
    works: dict[int, list[WorkRecord]] = defaultdict(list)
    for edition, work, title, sort_title, original, year, runtime, colour, *ids in rows:
        trailer_url, imdb_id, tmdb_id = ids
        works[edition].append(
            WorkRecord(
                title=title,
                sort_title=sort_title,
                original_title=original,
                year=year,
                runtime_minutes=runtime,
                colour=colour,
                genres=links["genres"].get(work, ()),
                countries=links["countries"].get(work, ()),
                languages=links["languages"].get(work, ()),
                plots=plots.get(work, ()),
                credits=credits.get(work, ()),
                trailer_url=trailer_url,
                imdb_id=imdb_id,
                tmdb_id=tmdb_id,
            )
        )
    return {edition: tuple(found) for edition, found in works.items()}


def _plots(work_ids: list[int]) -> dict[int, tuple[PlotRecord, ...]]:
    rows = with_ids(Plot.objects, "work", work_ids).order_by("order", "pk")
    return grouped(
        (work, PlotRecord(text, author, kind))
        for work, text, author, kind in rows.values_list("work_id", "text", "author", "kind")
    )


def _credits(work_ids: list[int]) -> dict[int, tuple[CreditRecord, ...]]:
    rows = with_ids(Credit.objects, "work", work_ids).order_by("order", "pk")
    fields = ("work_id", "person__name", "character", "job", "role")
    return grouped(
        (work, CreditRecord(name, character, job, role))
        for work, name, character, job, role in rows.values_list(*fields)
    )


def _tags(copy_ids: list[int]) -> PlainValues:
    # Link rows in the order they were written: the order the tags were given.
    rows = with_ids(Copy.tags.through.objects, "copy", copy_ids).order_by("pk")
    return grouped(rows.values_list("copy_id", "tag__name"))


def _work_values(attribute: str, work_ids: list[int]) -> PlainValues:
    through = getattr(Work, attribute).through
    target = getattr(Work, attribute).field.related_model.__name__.lower()
    rows = with_ids(through.objects, "work", work_ids).order_by("pk")
    return grouped(rows.values_list("work_id", f"{target}__name"))


class _LocationPaths:
    """Every location of the collections met so far, to name a copy's place without a query."""

    def __init__(self) -> None:
        self.loaded: set[int] = set()
        self.nodes: dict[int, tuple[str, int | None]] = {}

    def load(self, collection_ids: set[int]) -> None:
        missing = collection_ids - self.loaded
        if missing:
            rows = Location.objects.filter(collection_id__in=missing)
            self.nodes.update(
                (pk, (name, parent))
                for pk, name, parent in rows.values_list("pk", "name", "parent_id")
            )
            self.loaded |= missing

    def path(self, location_id: int | None) -> tuple[str, ...]:
        names: list[str] = []
        while location_id is not None:
            name, location_id = self.nodes[location_id]
            names.append(name)
        return tuple(reversed(names))


def _edition_record(values: tuple) -> EditionRecord:
    (fmt, name, distributor, released, barcode, rating_country, rating, *rest) = values
    regions, discs, packaging, aspect_ratio, audio, subtitles = rest
    return EditionRecord(
        format=fmt,
        name=name,
        distributor=distributor or "",
        release_date=released,
        barcode=barcode,
        rating_country=rating_country,
        rating=rating,
        regions=tuple(regions),
        discs=discs,
        packaging=packaging,
        aspect_ratio=aspect_ratio,
        audio=_lines(audio),
        subtitles=_lines(subtitles),
    )


def _lines(text: str) -> tuple[str, ...]:
    return tuple(text.split("\n")) if text else ()


def _copy_record(
    row: tuple, location: tuple[str, ...], tags: tuple[str, ...], loans: tuple[LoanRecord, ...]
) -> CopyRecord:
    (index, status, owner, device, slot, purchased_on, price, currency, store, condition) = row[
        _INDEX_AT : _INDEX_AT + 10
    ]
    notes, my_rating, viewings, added_at, modified_at, details = row[_INDEX_AT + 10 : _EDITION_AT]
    return CopyRecord(
        index=index,
        status=status,
        owner=owner,
        location=location,
        storage_device=device or "",
        storage_slot=slot,
        purchased_on=purchased_on,
        purchase_price=price,
        purchase_currency=currency,
        purchase_store=store,
        condition=condition,
        notes=notes,
        tags=tags,
        my_rating=my_rating,
        viewings=viewings,
        added_at=added_at,
        modified_at=modified_at,
        loans=loans,
        other_details=tuple((name, value) for name, value in details or ()),
    )
