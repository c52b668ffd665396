"""The way out: copies back into records, and records into a file of any writable format.

``records_of`` is the reverse of the record writer: every field the writer stores comes back,
so that exporting, importing the file elsewhere and exporting again gives the same records.
"""

from collections import defaultdict
from collections.abc import Iterator, Sequence
from importlib import import_module
from types import ModuleType
from typing import BinaryIO

from django.db.models import Prefetch, QuerySet

from cinecat.catalog.bulk import chunks
from cinecat.catalog.models import (
    Collection,
    Copy,
    Credit,
    Edition,
    EditionWork,
    Location,
    Plot,
    Work,
)
from cinecat.lending.models import Loan

from .formats.base import (
    CopyRecord,
    CreditRecord,
    EditionRecord,
    LoanRecord,
    PlotRecord,
    Record,
    WorkRecord,
)

# The formats cinecat writes. Import formats live in registry.FORMATS; these two only write.
WRITERS: dict[str, str] = {
    "cinecat-json": "cinecat.interchange.formats.cinecat_json",
    "csv": "cinecat.interchange.formats.csv_export",
    "dvdprofiler": "cinecat.interchange.formats.dvdprofiler",
}

CHUNK_SIZE = 1000
WORK_LINKS = ("genres", "countries", "languages")
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
    module.write(records_of(chosen.order_by("index")), stream, **options)


def writer_for(format_key: str) -> ModuleType:
    try:
        return import_module(WRITERS[format_key])
    except KeyError:
        known = ", ".join(sorted(WRITERS))
        raise ExportError(f"unknown format {format_key!r}; cinecat writes: {known}") from None


def records_of(copies: QuerySet[Copy]) -> Iterator[Record]:
    """The copies as records, in the queryset's order, read CHUNK_SIZE copies at a time.

    Each chunk costs the same dozen queries however many copies, works and people it holds.
    """
    if not copies.ordered:
        copies = copies.order_by("pk")  # an export is always in a stated order
    pks = list(copies.values_list("pk", flat=True))
    paths = _LocationPaths()
    for chunk in chunks(pks, CHUNK_SIZE):
        loaded = _load(chunk)
        paths.load({copy.collection_id for copy in loaded.values()})
        tags = _tags([copy.pk for copy in loaded.values()])
        works = [link.work for copy in loaded.values() for link in _links(copy)]
        links = {name: _work_values(name, [work.pk for work in works]) for name in WORK_LINKS}
        for pk in chunk:
            copy = loaded[pk]
            yield Record(
                works=tuple(_work_record(link.work, links) for link in _links(copy)),
                edition=_edition_record(copy.edition),
                copy=_copy_record(copy, paths.path(copy.location_id), tags.get(pk, ())),
                source_id=copy.source_id,
                where=f"copy #{copy.index}",
            )


def _load(pks: list[int]) -> dict[int, Copy]:
    works = "edition__edition_works__work"
    queryset = (
        Copy.objects.filter(pk__in=pks)
        .select_related("edition__distributor", "storage_device")
        .prefetch_related(
            Prefetch(
                "edition__edition_works",
                queryset=EditionWork.objects.select_related("work").order_by("order", "pk"),
            ),
            Prefetch(f"{works}__plots", queryset=Plot.objects.order_by("order", "pk")),
            Prefetch(
                f"{works}__credits",
                queryset=Credit.objects.select_related("person").order_by("order", "pk"),
            ),
            Prefetch(
                "loans", queryset=Loan.objects.select_related("borrower").order_by("lent_on", "pk")
            ),
        )
    )
    return {copy.pk: copy for copy in queryset}


def _links(copy: Copy) -> list[EditionWork]:
    return list(copy.edition.edition_works.all())


def _tags(copy_ids: list[int]) -> PlainValues:
    # Link rows in the order they were written: the order the tags were given.
    rows = Copy.tags.through.objects.filter(copy_id__in=copy_ids).order_by("pk")
    return _grouped(rows.values_list("copy_id", "tag__name"))


def _work_values(attribute: str, work_ids: list[int]) -> PlainValues:
    through = getattr(Work, attribute).through
    target = getattr(Work, attribute).field.related_model.__name__.lower()
    rows = through.objects.filter(work_id__in=work_ids).order_by("pk")
    return _grouped(rows.values_list("work_id", f"{target}__name"))


def _grouped(pairs) -> PlainValues:
    grouped: dict[int, list[str]] = defaultdict(list)
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


def _work_record(work: Work, links: dict[str, PlainValues]) -> WorkRecord:
    return WorkRecord(
        title=work.title,
        sort_title=work.sort_title,
        original_title=work.original_title,
        year=work.year,
        runtime_minutes=work.runtime_minutes,
        colour=work.colour,
        genres=links["genres"].get(work.pk, ()),
        countries=links["countries"].get(work.pk, ()),
        languages=links["languages"].get(work.pk, ()),
        plots=tuple(PlotRecord(p.text, p.author, p.kind) for p in work.plots.all()),
        credits=tuple(
            CreditRecord(c.person.name, c.character, c.job, c.role) for c in work.credits.all()
        ),
        trailer_url=work.trailer_url,
        imdb_id=work.imdb_id,
        tmdb_id=work.tmdb_id,
    )


def _edition_record(edition: Edition) -> EditionRecord:
    return EditionRecord(
        format=edition.format,
        name=edition.name,
        distributor=edition.distributor.name if edition.distributor else "",
        release_date=edition.release_date,
        barcode=edition.barcode,
        rating_country=edition.rating_country,
        rating=edition.rating,
        regions=tuple(edition.regions),
        discs=edition.discs,
        packaging=edition.packaging,
        aspect_ratio=edition.aspect_ratio,
        audio=_lines(edition.audio),
        subtitles=_lines(edition.subtitles),
    )


def _lines(text: str) -> tuple[str, ...]:
    return tuple(text.split("\n")) if text else ()


def _copy_record(copy: Copy, location: tuple[str, ...], tags: tuple[str, ...]) -> CopyRecord:
    return CopyRecord(
        index=copy.index,
        status=copy.status,
        owner=copy.owner,
        location=location,
        storage_device=copy.storage_device.name if copy.storage_device else "",
        storage_slot=copy.storage_slot,
        purchased_on=copy.purchased_on,
        purchase_price=copy.purchase_price,
        purchase_currency=copy.purchase_currency,
        purchase_store=copy.purchase_store,
        condition=copy.condition,
        notes=copy.notes,
        tags=tags,
        my_rating=copy.my_rating,
        viewings=copy.viewings,
        added_at=copy.added_at,
        modified_at=copy.modified_at,
        loans=tuple(
            LoanRecord(loan.borrower.name, loan.lent_on, loan.due_on, loan.returned_on, loan.notes)
            for loan in copy.loans.all()
        ),
    )
