"""The way out: copies back into records, and records into a file of any writable format.

``records_of`` is the reverse of the record writer: every field the writer stores comes back,
so that exporting, importing the file elsewhere and exporting again gives the same records.
"""

from collections import defaultdict
from collections.abc import Iterator, Sequence
from importlib import import_module
from types import ModuleType
from typing import BinaryIO

from django.db.models import QuerySet

from cinecat.catalog.models import (
    Collection,
    Copy,
    Credit,
    EditionWork,
    Location,
    Plot,
    Work,
)
from cinecat.catalog.records import (
    CopyRecord,
    CreditRecord,
    EditionRecord,
    LoanRecord,
    PlotRecord,
    Record,
    WorkRecord,
)
from cinecat.core.bulk import chunks, with_ids
from cinecat.core.cycles import fewer_collections
from cinecat.lending.models import Loan

# The formats cinecat writes. Import formats live in registry.FORMATS; these two only write.
WRITERS: dict[str, str] = {
    "cinecat-json": "cinecat.interchange.formats.cinecat_json",
    "csv": "cinecat.interchange.formats.csv_export",
    "dvdprofiler": "cinecat.interchange.formats.dvdprofiler",
}

CHUNK_SIZE = 1000
WORK_LINKS = ("genres", "countries", "languages")
# The parts of a record read by queries of their own; the copy, its edition, its works' own
# fields and its location are always read. A writer that reads only some of the parts says
# which with a ``parts(**options)`` function (the CSV columns): the others are left empty.
PARTS = frozenset({*WORK_LINKS, "credits", "plots", "tags", "loans"})
PlainValues = dict[int, tuple[str, ...]]


class ExportError(Exception):
    """An export that cannot be written as asked; the message says why."""


def export_collection(
    collection: Collection,
    format_key: str,
    stream: BinaryIO,
    *,
    columns: Sequence[str] | None = None,
    copies: QuerySet[Copy] | None = None,
) -> None:
    """Write the collection's copies (or the ``copies`` chosen of it), by index, to ``stream``
    in the format ``format_key``.

    ``columns`` picks and orders the columns of a format that has them (CSV); the complete
    formats (cinecat-json) write every field and refuse a column list.
    """
    module = writer_for(format_key)
    options = {}
    if columns is not None:
        known = getattr(module, "COLUMNS", None)
        if known is None:
            raise ExportError(f"the {format_key} format writes every field; it takes no columns")
        unknown = [name for name in columns if name not in known]
        if unknown:
            raise ExportError(
                f"unknown column(s) {', '.join(unknown)}; known columns: {', '.join(known)}"
            )
        options["columns"] = list(columns)
    chosen = collection.copies.all() if copies is None else copies
    parts = module.parts(**options) if hasattr(module, "parts") else PARTS
    with fewer_collections():
        module.write(records_of(chosen.order_by("index"), parts=parts), stream, **options)


def writer_for(format_key: str) -> ModuleType:
    try:
        return import_module(WRITERS[format_key])
    except KeyError:
        known = ", ".join(sorted(WRITERS))
        raise ExportError(f"unknown format {format_key!r}; cinecat writes: {known}") from None


def records_of(copies: QuerySet[Copy], *, parts: frozenset[str] = PARTS) -> Iterator[Record]:
    """The copies as records, in the queryset's order, read CHUNK_SIZE copies at a time.

    Each chunk costs the same dozen queries however many copies, works and people it holds;
    rows come back as plain tuples (a model instance per credit would cost more than the rest).
    Only the ``parts`` named are read (all by default); the others are empty in the records.
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
        loans = _loans(list(loaded)) if "loans" in parts else {}
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
    return _grouped(
        (work, PlotRecord(text, author, kind))
        for work, text, author, kind in rows.values_list("work_id", "text", "author", "kind")
    )


def _credits(work_ids: list[int]) -> dict[int, tuple[CreditRecord, ...]]:
    rows = with_ids(Credit.objects, "work", work_ids).order_by("order", "pk")
    fields = ("work_id", "person__name", "character", "job", "role")
    return _grouped(
        (work, CreditRecord(name, character, job, role))
        for work, name, character, job, role in rows.values_list(*fields)
    )


def _tags(copy_ids: list[int]) -> PlainValues:
    # Link rows in the order they were written: the order the tags were given.
    rows = with_ids(Copy.tags.through.objects, "copy", copy_ids).order_by("pk")
    return _grouped(rows.values_list("copy_id", "tag__name"))


def _loans(copy_ids: list[int]) -> dict[int, tuple[LoanRecord, ...]]:
    rows = with_ids(Loan.objects, "copy", copy_ids).order_by("lent_on", "pk")
    fields = ("borrower__name", "lent_on", "due_on", "returned_on", "notes")
    return _grouped(
        (copy, LoanRecord(*values)) for copy, *values in rows.values_list("copy_id", *fields)
    )


def _work_values(attribute: str, work_ids: list[int]) -> PlainValues:
    through = getattr(Work, attribute).through
    target = getattr(Work, attribute).field.related_model.__name__.lower()
    rows = with_ids(through.objects, "work", work_ids).order_by("pk")
    return _grouped(rows.values_list("work_id", f"{target}__name"))


def _grouped(pairs) -> dict[int, tuple]:
    grouped: dict[int, list] = defaultdict(list)
    for key, value in pairs:
        grouped[key].append(value)
    return {key: tuple(values) for key, values in grouped.items()}


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
