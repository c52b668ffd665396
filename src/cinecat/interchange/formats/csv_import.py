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
hold a "/") or "Room / Shelf". My rating: 0–10 or "4/5".

Every column cinecat's CSV export writes is read back into its field, under the name it writes
(``runtime_minutes``, ``added_at``, ``source_id`` …). A box set is one row whose title, year and
the work's other cells of its own hold one value a work, joined by "; " ("Alien; Aliens", "1979;
1986"): it becomes a box set of those works (``csv_works`` says how a cell with another count of
values is read).

A borrower under "Loaned To" makes a loan, with "Loan Date" and "Due Date" when present; loan
dates without a borrower, and a status cinecat does not know, are kept as other details.
"""

import csv
import datetime as dt
import io
import re
import tomllib
import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal
from itertools import chain, islice
from pathlib import Path
from typing import BinaryIO

from cinecat.catalog import details
from cinecat.catalog.fields import copy_fields, edition_fields, work_fields
from cinecat.catalog.labels import label
from cinecat.catalog.records import CopyRecord, EditionRecord, LoanRecord, Record, WorkRecord

from . import csv_export, csv_works, parse, spreadsheet_text
from . import field_values as fv
from .base import ColumnMapping, FileFormat, FormatError

_SAMPLE_LINES = 20  # lines the delimiter is guessed from
_DELIMITERS = ",;\t"
_RATING = re.compile(r"^(?P<country>[A-Z]{2,3})(?: - |: ?)(?P<code>\S.*)$")
_AS_CHARACTER = re.compile(r"^(?P<name>.+?)\s+as\s+(?P<character>.+)$")
_PAREN_CHARACTER = re.compile(r"^(?P<name>[^(]+?)\s*\((?P<character>.*)\)$")
_SCORE = re.compile(r"(?P<score>[0-9]+(?:\.[0-9]+)?)\s*(?:/\s*(?P<scale>[0-9]+))?")
_AMOUNT = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_YEAR = re.compile(r"[0-9]{4}")

_TITLES = {"title", "original_title"}  # one of them gives a work its title
IGNORE = "ignore"  # the column is dropped
# The column's cells are kept as other details, under its name.
OTHER_DETAILS_FIELD = "other_details"


def _key(name: str) -> str:
    """A header or value as compared: "Nr. Discs", "nr_discs" -> "nrdiscs"."""
    return re.sub(r"[\W_]+", "", name.casefold())


def _index(spellings: dict[str, list[str]]) -> dict[str, str]:
    index: dict[str, str] = {}
    for target, names in spellings.items():
        for name in names:
            if index.setdefault(_key(name), target) != target:
                raise RuntimeError(f"csv_columns.toml gives {name!r} to two fields")
    return index


_DATA = tomllib.loads(Path(__file__).with_name("csv_columns.toml").read_text("utf-8"))
FIELDS: dict[str, str] = {name: spec["label"] for name, spec in _DATA["fields"].items()}
_ALIASES = _index({name: spec["aliases"] for name, spec in _DATA["fields"].items()})
_STATUSES = _index(_DATA["statuses"])
_FLAGS = _index(_DATA["flags"])  # "yes" → "1", "no" → "0", for the viewings column
_MOMENTS = parse.Layout(  # ISO, then the layouts, in order
    (parse.ISO, *_DATA["dates"]["layouts"]),
    "a date (YYYY-MM-DD, MM/DD/YYYY or Mon DD, YYYY)",
)


def guess_map(header: list[str]) -> dict[str, str]:
    """Each column's field, known by its name; other details for a name cinecat does not know."""
    return {column: _ALIASES.get(_key(column), OTHER_DETAILS_FIELD) for column in header}


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


def read(stream: BinaryIO, column_map: dict[str, str] | None = None) -> Iterator[Record]:
    """One record a row, read one row at a time; ``column_map`` maps column → field."""
    _, records = _records(stream, column_map)
    yield from records


def preview(
    stream: BinaryIO, column_map: dict[str, str] | None = None, rows: int = 5
) -> tuple[list[str], list[Record]]:
    """The header and the first ``rows`` records as they will be stored, for the mapping step."""
    header, records = _records(stream, column_map)
    return header, list(islice(records, rows))


def _records(stream: BinaryIO, column_map: dict[str, str] | None):
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
    rows = _numbered_rows(reader)
    return header, (_record(header, fields, line, cells) for line, cells in rows)


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
    given = {_key(column): target for column, target in (column_map or {}).items()}
    if unknown := sorted(set(given.values()) - set(FIELDS)):
        raise FormatError(f"no such field: {', '.join(unknown)}; fields: {', '.join(FIELDS)}")
    if missing := sorted(set(given) - {_key(column) for column in header}):
        raise FormatError(f"no such column: {', '.join(missing)}; columns: {', '.join(header)}")
    guessed = guess_map(header)
    return [given.get(_key(column), guessed[column]) for column in header]


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


def _record(header: list[str], fields: list[str], line: int, cells: list[str]) -> Record:
    if len(cells) != len(header):
        raise FormatError(
            f"expected {len(header)} columns, as in the header, but found {len(cells)}", line=line
        )
    entry = _Entry()
    for column, target, cell in zip(header, fields, cells, strict=True):
        if not (value := cell.strip()):
            continue
        if target == IGNORE:
            continue
        try:
            _SETTERS[target](entry, value, column)
        except ValueError as exc:
            raise FormatError(f"column {column!r}: {exc}", line=line) from None
    return entry.record(source_id=entry.source_id, where=f"line {line}")


@dataclass
class _Entry(fv.Draft):
    """A row's fields; a borrower, with the dates of the loan, becomes the copy's loan; the
    works' own fields, a box set's cut one a work, become its works (``csv_works``)."""

    each: dict[str, csv_works.Cell] = field(default_factory=dict)  # field → cell
    loan: dict = field(default_factory=dict)
    source_id: str = ""
    loan_cells: list[tuple[str, str]] = field(default_factory=list)  # (column, value)

    def record(self, *, source_id: str, where: str) -> Record:
        if "borrower" in self.loan:
            self.copy["loans"] = (LoanRecord(**self.loan),)
        else:
            for column, value in self.loan_cells:  # loan dates without a borrower
                self.keep(column, value)
        first, *others = csv_works.works(self.each, self.keep)
        self.work.update(first)
        record = super().record(source_id=source_id, where=where)
        if not others:
            return record
        more = (WorkRecord(**{**w, "title": w.get("title") or w["original_title"]}) for w in others)
        return replace(record, works=(*record.works, *more))


# -- cell values ----------------------------------------------------------------------------

Setter = Callable[[_Entry, str, str], None]  # (entry, value, column)


def _many(value: str) -> tuple[str, ...]:
    if re.search(r"[;|\n]", value):
        return fv.split(value, ";", "|", "\n")
    return fv.split(value, ",")


def _put(part: str, attribute: str, convert: Callable = str) -> Setter:
    """A single value; the first column that gives one keeps it."""

    def put(entry: _Entry, value: str, column: str) -> None:
        getattr(entry, part).setdefault(attribute, convert(value))
        if part == "loan":
            entry.loan_cells.append((column, value))

    return put


def _each(attribute: str, convert: Callable = str) -> Setter:
    """A work's own value; a box set's cell holds one a work. The first column given keeps it."""

    def each(entry: _Entry, value: str, column: str) -> None:
        if attribute not in entry.each:
            entry.each[attribute] = csv_works.cell(column, value, convert)

    return each


def _add(part: str, attribute: str, convert: Callable = _many) -> Setter:
    """A list of values, joined across the columns that give them."""

    def add(entry: _Entry, value: str, column: str) -> None:
        values = getattr(entry, part)
        values[attribute] = values.get(attribute, ()) + convert(value)

    return add


def _required(convert: Callable[[str], object], what: str) -> Callable[[str], object]:
    """``convert``, refusing a value it finds nothing in."""

    def checked(value: str) -> object:
        if (found := convert(value)) in (None, ""):
            raise ValueError(f"{value!r} is not {what}")
        return found

    return checked


# The value parsers name no entry or field here: _record names the row's line and the column.


def _moment(value: str) -> dt.datetime:
    return parse.moment(value, _MOMENTS)


def _date(value: str) -> dt.date:
    return parse.moment(value, _MOMENTS).date()


def _price(entry: _Entry, value: str, column: str) -> None:
    found = parse.price_or_none(value)
    if found is None and _AMOUNT.fullmatch(value):
        found = Decimal(value), ""  # a bare amount: a currency column may say which
    if found is None:
        raise ValueError(f"{value!r} is not a price")
    amount, currency = found
    entry.copy.setdefault("purchase_price", amount)
    if currency:
        entry.copy.setdefault("purchase_currency", currency)


def _rating(entry: _Entry, value: str, column: str) -> None:
    if match := _RATING.match(value):
        entry.edition.setdefault("rating_country", match["country"])
        value = match["code"]
    entry.edition.setdefault("rating", value)


def _status(entry: _Entry, value: str, column: str) -> None:
    if status := _STATUSES.get(_key(value)):
        entry.copy["status"] = status
    else:
        entry.keep(column, value)  # e.g. Libib's watching status, "Completed"


def _cast(entry: _Entry, value: str, column: str) -> None:
    for part in fv.split(value, ";", "|", "\n"):
        match = _AS_CHARACTER.match(part) or _PAREN_CHARACTER.match(part)
        entry.cast(*(match.group("name", "character") if match else (part,)))


def _regions(value: str) -> tuple[str, ...]:
    return tuple(re.sub(r"(?i)^region\s*", "", part) for part in _many(value))


def _location(value: str) -> tuple[str, ...]:
    # cinecat writes "Living room > Shelf 2", CLZ and most spreadsheets "Living room / Shelf 2":
    # a path with ">" is cut only there, so that a name of its own may hold a "/".
    return fv.split(value, ">" if ">" in value else "/")


def _my_rating(value: str) -> int | None:
    match = _SCORE.fullmatch(value)
    scale = float(match["scale"] or 10) if match else 0
    return fv.scaled_rating(float(match["score"]), scale) if scale else None  # not out of 0


def _viewings(value: str) -> int | None:
    count = _FLAGS.get(_key(value), value)
    return int(count) if parse.is_whole_number(count) else None


def _imdb(value: str) -> str:
    if parse.is_whole_number(value):  # CLZ's IMDb number: no "tt", no leading zeros
        return f"tt{int(value):07d}"
    return fv.imdb_id(value)


def _tmdb(value: str) -> int | None:
    return int(value) if parse.is_whole_number(value) else fv.tmdb_id(value)


def _year(value: str) -> int | None:
    return int(value) if _YEAR.fullmatch(value) else None


def _source_id(entry: _Entry, value: str, column: str) -> None:
    entry.source_id = entry.source_id or value


def _other_details(entry: _Entry, value: str, column: str) -> None:
    """A column of its own kept under its name; cinecat's own ``other_details`` column (its
    "name: value" lines) gives back each detail it holds."""
    if _key(column) != _key(OTHER_DETAILS_FIELD):
        entry.keep(column, value)
        return
    for name, text in details.from_text(value):
        entry.keep(name, text)


_EDITION_TEXT = ("distributor", "barcode", "packaging", "aspect_ratio")
_COPY_TEXT = ("owner", "storage_device", "storage_slot", "purchase_store", "condition", "notes")
_SETTERS: dict[str, Setter] = {
    **{name: _each(name) for name in ("title", "original_title", "sort_title", "colour")},
    **{name: _add("work", name) for name in ("genres", "countries", "languages")},
    "year": _each("year", _required(_year, "a year")),
    "runtime": _each("runtime_minutes", parse.runtime),
    "plot": lambda entry, value, column: entry.plot(value),
    "directors": lambda entry, value, column: entry.crew(_many(value), "Director"),
    "cast": _cast,
    "imdb_id": _each("imdb_id", _required(_imdb, "an IMDb id or address")),
    "tmdb_id": _each("tmdb_id", _required(_tmdb, "a TMDb id or address")),
    "trailer_url": _each("trailer_url"),
    "format": lambda entry, value, column: entry.medium(value, column),
    "edition": _put("edition", "name"),
    **{name: _put("edition", name) for name in _EDITION_TEXT},
    "release_date": _put("edition", "release_date", _date),
    "rating_country": _put("edition", "rating_country"),
    "rating": _rating,
    "regions": _add("edition", "regions", _regions),
    "discs": _put("edition", "discs", parse.whole_number),
    **{name: _add("edition", name) for name in ("audio", "subtitles")},
    "index": _put("copy", "index", parse.whole_number),
    "status": _status,
    "location": _put("copy", "location", _location),
    "purchased_on": _put("copy", "purchased_on", _date),
    "purchase_price": _price,
    "purchase_currency": _put(
        "copy", "purchase_currency", _required(parse.currency_code, "a currency (EUR, USD, € …)")
    ),
    "tags": _add("copy", "tags"),
    "my_rating": _put("copy", "my_rating", _required(_my_rating, "a rating, 0–10 or like 4/5")),
    "viewings": _put("copy", "viewings", _required(_viewings, "a count, or yes or no")),
    "added_at": _put("copy", "added_at", _moment),
    "modified_at": _put("copy", "modified_at", _moment),
    **{name: _put("copy", name) for name in _COPY_TEXT},
    "loaned_to": _put("loan", "borrower"),
    "loan_date": _put("loan", "lent_on", _date),
    "due_date": _put("loan", "due_on", _date),
    "source_id": _source_id,
    OTHER_DETAILS_FIELD: _other_details,
}


def _flag(value: str) -> bool:
    flag = _FLAGS.get(_key(value))
    if flag is None:
        raise ValueError(f"{value!r} is not yes or no")
    return flag == "1"


def _derived_setter(part: str, name: str) -> Setter:
    """The setter of a column the export derives from a record field, by the field's type."""
    hint = typing.get_type_hints(_PARTS[part])[name]
    if typing.get_origin(hint) is tuple:
        return _add(part, name)
    kinds = [arg for arg in typing.get_args(hint) if arg is not type(None)] or [hint]
    convert = _CONVERT[kinds[0]]
    return _each(name, convert) if part == "work" else _put(part, name, convert)


_PARTS = {"work": WorkRecord, "edition": EditionRecord, "copy": CopyRecord}
_MODELS = {
    "work": work_fields().model,
    "edition": edition_fields().model,
    "copy": copy_fields().model,
}
_CONVERT = {
    str: str,
    int: parse.whole_number,
    bool: _flag,
    Decimal: parse.decimal,
    dt.date: _date,
    dt.datetime: _moment,
}
# Every column the export derives from a record field reads back into that field.
for _column, (_part, _name) in csv_export.DERIVED.items():
    if _column not in FIELDS:
        FIELDS[_column] = label(_MODELS[_part], _name)
        _ALIASES.setdefault(_key(_column), _column)
        _SETTERS[_column] = _derived_setter(_part, _name)
for _last in (OTHER_DETAILS_FIELD, IGNORE):  # the mapping step offers them last
    FIELDS[_last] = FIELDS.pop(_last)


FORMAT = FileFormat(
    key="csv",
    label="CSV (spreadsheet)",
    detect=detect,
    read=read,
    mapping=ColumnMapping(fields=FIELDS, guess=guess_map, read=read, preview=preview),
    write=csv_export.write,
    parts=csv_export.parts,
    columns=tuple(csv_export.COLUMNS),
    default_columns=tuple(csv_export.DEFAULT_COLUMNS),
    extension="csv",
    content_type="text/csv",
)
