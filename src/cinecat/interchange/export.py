"""The way out: the catalog's records into a file of any writable format."""

import functools
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import BinaryIO

from django.db.models import QuerySet

from cinecat.catalog import reading
from cinecat.catalog.models import Collection, Copy
from cinecat.catalog.records import Record
from cinecat.core.cycles import fewer_collections
from cinecat.lending.reading import loans_of

from . import registry
from .formats.base import FileFormat

# Every part of a record an export may read: the catalog's and the loans.
PARTS = reading.PARTS | {"loans"}


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
    write, records = export_of(collection, format_key, columns=columns, copies=copies)
    with fewer_collections():
        write(records, stream)


def export_of(
    collection: Collection,
    format_key: str,
    *,
    columns: Sequence[str] | None = None,
    copies: QuerySet[Copy] | None = None,
) -> tuple[Callable[[Iterable[Record], BinaryIO], None], Iterator[Record]]:
    """What ``export_collection`` writes, as the format's writer (taking records and a stream)
    and the records, read as they are taken: for a caller that sends the file as it is made."""
    fmt = writer_for(format_key)
    options = {}
    if columns is not None:
        if not fmt.picks_columns:
            raise ExportError(f"the {format_key} format writes every field; it takes no columns")
        unknown = [name for name in columns if name not in fmt.columns]
        if unknown:
            raise ExportError(
                f"unknown column(s) {', '.join(unknown)}; known columns: {', '.join(fmt.columns)}"
            )
        options["columns"] = list(columns)
    chosen = collection.copies.all() if copies is None else copies
    parts = fmt.parts(**options) if fmt.parts else PARTS
    records = records_of(chosen.order_by("index"), parts=parts)
    return functools.partial(fmt.write, **options), records


def records_of(copies: QuerySet[Copy], *, parts: frozenset[str] = PARTS) -> Iterator[Record]:
    """The copies as records (``catalog.reading.records_of``), their loans too if asked."""
    unknown = parts - PARTS
    if unknown:
        raise ValueError(f"unknown record parts: {', '.join(sorted(unknown))}")
    loans = loans_of if "loans" in parts else None
    return reading.records_of(copies, parts=parts - {"loans"}, loans_of=loans)


def writer_for(format_key: str) -> FileFormat:
    """The format of that key, if cinecat writes it; ExportError naming those it writes if not."""
    writers = {fmt.key: fmt for fmt in registry.writable()}
    try:
        return writers[format_key]
    except KeyError:
        known = ", ".join(sorted(writers))
        raise ExportError(f"unknown format {format_key!r}; cinecat writes: {known}") from None
