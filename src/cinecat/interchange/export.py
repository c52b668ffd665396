"""The way out: the catalog's records into a file of any writable format."""

from collections.abc import Iterator, Sequence
from importlib import import_module
from types import ModuleType
from typing import BinaryIO

from django.db.models import QuerySet

from cinecat.catalog import reading
from cinecat.catalog.models import Collection, Copy
from cinecat.catalog.records import Record
from cinecat.core.cycles import fewer_collections
from cinecat.lending.reading import loans_of

# Every part of a record an export may read: the catalog's and the loans.
PARTS = reading.PARTS | {"loans"}

# The formats cinecat writes. Import formats live in registry.FORMATS; these two only write.
WRITERS: dict[str, str] = {
    "cinecat-json": "cinecat.interchange.formats.cinecat_json",
    "csv": "cinecat.interchange.formats.csv_export",
    "dvdprofiler": "cinecat.interchange.formats.dvdprofiler",
}


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


def records_of(copies: QuerySet[Copy], *, parts: frozenset[str] = PARTS) -> Iterator[Record]:
    """The copies as records (``catalog.reading.records_of``), their loans too if asked."""
    unknown = parts - PARTS
    if unknown:
        raise ValueError(f"unknown record parts: {', '.join(sorted(unknown))}")
    loans = loans_of if "loans" in parts else None
    return reading.records_of(copies, parts=parts - {"loans"}, loans_of=loans)


def writer_for(format_key: str) -> ModuleType:
    try:
        return import_module(WRITERS[format_key])
    except KeyError:
        known = ", ".join(sorted(WRITERS))
        raise ExportError(f"unknown format {format_key!r}; cinecat writes: {known}") from None
