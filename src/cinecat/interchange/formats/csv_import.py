"""Spreadsheets saved as CSV: a header row naming the columns, then one film a row.

Columns are matched to fields by their header, with the names other tools write kept in
``csv_columns.toml``. A given column map wins for the columns it names; the others are guessed.
Several columns may feed one field: a single value keeps the first non-empty cell (Libib's
``upc_isbn10``, then ``ean_isbn13``), a list joins them. A column whose name cinecat does not
know is guessed as ``other_details``: its cells are kept as the copy's other details, under the
column's name. Only a column mapped to ``ignore`` is dropped. The file is UTF-8, or UTF-16 or
UTF-32 when its byte order mark says so (``spreadsheet_text``), decoded as it is read.

Lists (genres, directors, regions, audio, tags …) are cut at ";", "|" or line breaks when the
cell holds one, else at ","; the cast only at ";", "|" or line breaks ("Actor as Character" or
"Actor (Character)"). Dates: YYYY-MM-DD (ISO), MM/DD/YYYY as CLZ writes it (with a "1:45:22 PM"
time or not) and "Sep 08, 2017"; day-first dates are not accepted, "03/04/2020" is March 4th.
Prices: "$44.55", "12,99 €", "EUR 12.99" or a bare number, whose currency a currency column
("EUR", "€") may give. Audience rating: "US - R" or "R", with its country in a column of its own
or not. Location: a path, outermost first, "Room > Shelf" as cinecat writes it (a name may then
hold a "/") or "Room / Shelf". My rating: half stars 1–10 or "3.5/5".

Every column cinecat's CSV export writes is read back into its field, under the name it writes
(``runtime_minutes``, ``added_at``, ``source_id`` …). A box set is one row whose title, year and
the work's other cells of its own hold one value a work, joined by "; " ("Alien; Aliens", "1979;
1986"): it becomes a box set of those works (``csv_works`` says how a cell with another count of
values is read).

A borrower under "Loaned To" makes a loan, with "Loan Date" and "Due Date" when present; loan
dates without a borrower, and a status cinecat does not know, are kept as other details.
"""

import csv
import io
from collections.abc import Iterator
from itertools import chain, islice
from typing import BinaryIO

from cinecat.catalog.records import Record

from . import csv_export, parse, spreadsheet_text
from .base import ColumnMapping, FileFormat, FormatError, Unreadable
from .csv_cells import (
    FIELDS,
    IGNORE,
    LIST_FIELDS,
    SETTERS,
    CsvEntry,
    guess_map,
    key,
)

_SAMPLE_LINES = 20  # lines the delimiter is guessed from
_DELIMITERS = ",;\t"
_TITLES = {"title", "original_title"}  # one of them gives a work its title


def detect(head: bytes) -> bool:
    text = spreadsheet_text.head_text(head)
    if text is None or text.lstrip(" \t\r\n").startswith(("<", "{", "[")):
        return False  # binary, XML or JSON
    lines = list(islice(io.StringIO(text, newline=""), _SAMPLE_LINES + 1))
    if len(lines) > 1 and not lines[-1].endswith(("\n", "\r")):
        lines.pop()  # cut short by the end of the head
    try:
        header = next(csv.reader(lines[:_SAMPLE_LINES], delimiter=_delimiter(lines)), [])
    except csv.Error:
        return False
    return "title" in guess_map(header).values()


def read(
    stream: BinaryIO,
    column_map: dict[str, str] | None = None,
    separators: dict[str, str] | None = None,
) -> Iterator[Record | Unreadable]:
    """One record a row, read one row at a time; ``column_map`` maps column → field,
    ``separators`` column → what cuts its lists (else found in the first rows). A row that
    cannot be read comes as an ``Unreadable`` in its place."""
    _, records = _records(stream, column_map, separators)
    yield from records


def preview(
    stream: BinaryIO,
    column_map: dict[str, str] | None = None,
    rows: int = 5,
    separators: dict[str, str] | None = None,
) -> tuple[list[str], list[Record | Unreadable]]:
    """The header and the first ``rows`` records as they will be stored, for the mapping step
    (a value kept as written flagged on its record, as the import will keep it)."""
    header, records = _records(stream, column_map, separators)
    return header, list(islice(parse.keeping_odd_values(records), rows))


def separators_found(stream: BinaryIO, column_map: dict[str, str] | None = None) -> dict:
    """What cuts the lists of each list column, as found in the file's first rows."""
    text = spreadsheet_text.lines(stream)
    sample = list(islice(text, _SAMPLE_LINES))
    rows = list(csv.reader(sample, delimiter=_delimiter(sample)))
    if not rows:
        return {}
    header = [name.strip() or f"column {n}" for n, name in enumerate(rows[0], 1)]
    return _found_separators(header, _fields(header, column_map), rows[1:])


def _records(stream: BinaryIO, column_map: dict[str, str] | None, separators=None):
    text = spreadsheet_text.lines(stream)
    sample = list(islice(text, _SAMPLE_LINES))
    reader = csv.reader(chain(sample, text), delimiter=_delimiter(sample))
    try:
        header = [cell.strip() for cell in next(reader, [])]
    except csv.Error as exc:  # e.g. a cell past the csv module's size limit
        raise FormatError(f"the header cannot be read: {exc}", line=reader.line_num) from exc
    if not any(header):
        raise FormatError("the first row, the header, names no column", line=1)
    header = [name or f"column {number}" for number, name in enumerate(header, 1)]
    fields = _fields(header, column_map)
    if not _TITLES & set(fields):
        return header, _untitled(header)
    try:
        first = list(csv.reader(sample[1:], delimiter=reader.dialect.delimiter))
    except csv.Error:  # a row the reader will say is unreadable: nothing to find cuts in
        first = []
    cuts = {**_found_separators(header, fields, first), **_given(header, separators)}
    rows = _numbered_rows(reader)
    return header, (_row(header, fields, cuts, line, cells) for line, cells in rows)


def _row(header, fields, cuts, line: int, cells: list[str]) -> Record | Unreadable:
    try:
        return _record(header, fields, cuts, line, cells)
    except FormatError as exc:
        title = next((c for f, c in zip(fields, cells, strict=False) if f in _TITLES), "")
        return Unreadable(f"line {line}", exc.message, title.strip())


# What may cut a list cell, most telling first; "" leaves a cell whole.
SEPARATORS = {";": "semicolons (;)", ",": "commas (,)", "|": "bars (|)", "newline": "line breaks"}
_NOT_CUT = ""


def _found_separators(header: list[str], fields: list[str], rows: list[list[str]]) -> dict:
    """For each list column, the separator its first cells hold: a line break, ";" or "|"
    wherever one is; "," where most cells hold one (a name may have a comma of its own)."""
    found = {}
    for place, (column, target) in enumerate(zip(header, fields, strict=True)):
        if target not in LIST_FIELDS:
            continue
        cells = [row[place] for row in rows if place < len(row) and row[place].strip()]
        strong = next((c for c in ("\n", ";", "|") if any(c in cell for cell in cells)), None)
        strong = "newline" if strong == "\n" else strong
        commas = sum("," in cell for cell in cells)
        # Commas in two cells at least, and in most: a name may have a comma of its own.
        found[column] = strong or ("," if commas >= 2 and 2 * commas >= len(cells) else None)
    return {column: cut for column, cut in found.items() if cut is not None}


def _given(header: list[str], separators: dict[str, str] | None) -> dict:
    columns = {key(column): column for column in header}
    return {
        columns[key(column)]: cut
        for column, cut in (separators or {}).items()
        if key(column) in columns and (cut in SEPARATORS or cut == _NOT_CUT)
    }


def _untitled(header: list[str]) -> Iterator[Record]:
    """No record at all: no column gives the titles (a text that is not a table, a map that
    left them out). Said on the first record asked for, so that the header can still be read
    for the mapping step."""
    shown = ", ".join(repr(name[:40]) for name in header[:5]) + (" …" if len(header) > 5 else "")
    raise FormatError(
        f"no column holds the titles: the header names {shown}; map the one that does to "
        f"{FIELDS['title']}",
        line=1,
    )
    yield  # a generator: the error comes with the first record


def _delimiter(lines: list[str]) -> str:
    try:
        return csv.Sniffer().sniff("".join(lines), delimiters=_DELIMITERS).delimiter
    except csv.Error:  # one column, or too few rows to see a pattern: the header decides
        return max(_DELIMITERS, key=lines[0].count) if lines else ","


def _fields(header: list[str], column_map: dict[str, str] | None) -> list[str]:
    """The field each column feeds: the given map for the columns it names, a guess for others."""
    given = {key(column): target for column, target in (column_map or {}).items()}
    if unknown := sorted(set(given.values()) - set(FIELDS)):
        raise FormatError(f"no such field: {', '.join(unknown)}; fields: {', '.join(FIELDS)}")
    if missing := sorted(set(given) - {key(column) for column in header}):
        raise FormatError(f"no such column: {', '.join(missing)}; columns: {', '.join(header)}")
    guessed = guess_map(header)
    return [given.get(key(column), guessed[column]) for column in header]


def _numbered_rows(reader) -> Iterator[tuple[int, list[str]]]:
    """Rows that hold a value, with the line each starts on (a quoted cell may span lines)."""
    end = reader.line_num
    try:
        for cells in reader:
            start, end = end + 1, reader.line_num
            if any(cell.strip() for cell in cells):
                yield start, cells
    except csv.Error as exc:  # e.g. a cell past the csv module's size limit
        raise FormatError(f"the row cannot be read: {exc}", line=reader.line_num) from exc


def _record(header, fields, cuts: dict, line: int, cells: list[str]) -> Record:
    if len(cells) != len(header):
        raise FormatError(
            f"expected {len(header)} columns, as in the header, but found {len(cells)}", line=line
        )
    entry = CsvEntry(cuts=cuts)
    for column, target, cell in zip(header, fields, cells, strict=True):
        if not (value := cell.strip()):
            continue
        if target == IGNORE:
            continue
        odd = parse.odd_values_so_far()
        try:
            SETTERS[target](entry, value, column)
        except ValueError as exc:
            raise FormatError(f"column {column!r}: {exc}", line=line) from None
        parse.name_odd_values(odd, column)
    return entry.record(source_id=entry.source_id, where=f"line {line}")


FORMAT = FileFormat(
    key="csv",
    label="CSV (spreadsheet)",
    detect=detect,
    read=read,
    mapping=ColumnMapping(
        fields=FIELDS,
        guess=guess_map,
        read=read,
        preview=preview,
        lists=frozenset(LIST_FIELDS),
        separators={**SEPARATORS, _NOT_CUT: "nothing (one value)"},
        separators_found=separators_found,
    ),
    write=csv_export.write,
    parts=csv_export.parts,
    columns=tuple(csv_export.COLUMNS),
    default_columns=tuple(csv_export.DEFAULT_COLUMNS),
    extension="csv",
    content_type="text/csv",
)
