"""A spreadsheet's cells as record fields: the columns cinecat knows (``csv_columns.toml``),
and how each one's cells are read into an entry (``SETTERS``).

Every plain field of the records has a column of its own name (``csv_export.DERIVED``), read
by its type; lists are cut as the column's separator says (``csv_import`` finds or is given it).
"""

import datetime as dt
import re
import tomllib
import typing
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

from cinecat.catalog import details
from cinecat.catalog.fields import copy_fields, edition_fields, work_fields
from cinecat.catalog.labels import label
from cinecat.catalog.records import CopyRecord, EditionRecord, LoanRecord, Record, WorkRecord

from . import csv_export, csv_works, parse
from . import field_values as fv

_RATING = re.compile(r"^(?P<country>[A-Z]{2,3})(?: - |: ?)(?P<code>\S.*)$")
_AS_CHARACTER = re.compile(r"^(?P<name>.+?)\s+as\s+(?P<character>.+)$")
_PAREN_CHARACTER = re.compile(r"^(?P<name>[^(]+?)\s*\((?P<character>.*)\)$")
_SCORE = re.compile(r"(?P<score>[0-9]+(?:\.[0-9]+)?)\s*(?:/\s*(?P<scale>[0-9]+))?")
_AMOUNT = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_YEAR = re.compile(r"[0-9]{4}")


IGNORE = "ignore"  # the column is dropped
# The column's cells are kept as other details, under its name.
OTHER_DETAILS_FIELD = "other_details"


def key(name: str) -> str:
    """A header or value as compared: "Nr. Discs", "nr_discs" -> "nrdiscs"."""
    return re.sub(r"[\W_]+", "", name.casefold())


def _index(spellings: dict[str, list[str]]) -> dict[str, str]:
    index: dict[str, str] = {}
    for target, names in spellings.items():
        for name in names:
            if index.setdefault(key(name), target) != target:
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
    return {column: _ALIASES.get(key(column), OTHER_DETAILS_FIELD) for column in header}


@dataclass
class CsvEntry(fv.Draft):
    """A row's fields; a borrower, with the dates of the loan, becomes the copy's loan; the
    works' own fields, a box set's cut one a work, become its works (``csv_works``)."""

    each: dict[str, csv_works.Cell] = field(default_factory=dict)  # field → cell
    cuts: dict[str, str] = field(default_factory=dict)  # column → what cuts its lists
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

Setter = Callable[[CsvEntry, str, str], None]  # (entry, value, column)


def _many(value: str, cut: str | None = None) -> tuple[str, ...]:
    """A list cell's values, cut where ``cut`` says (``None``: at ";", "|" or line breaks when
    it holds one, else at ",")."""
    if cut is not None:
        return fv.split(value, "\n" if cut == "newline" else cut) if cut else (value.strip(),)
    if re.search(r"[;|\n]", value):
        return fv.split(value, ";", "|", "\n")
    return fv.split(value, ",")


def _put(part: str, attribute: str, convert: Callable = str) -> Setter:
    """A single value; the first column that gives one keeps it."""

    def put(entry: CsvEntry, value: str, column: str) -> None:
        getattr(entry, part).setdefault(attribute, convert(value))
        if part == "loan":
            entry.loan_cells.append((column, value))

    return put


def _each(attribute: str, convert: Callable = str) -> Setter:
    """A work's own value; a box set's cell holds one a work. The first column given keeps it."""

    def each(entry: CsvEntry, value: str, column: str) -> None:
        if attribute not in entry.each:
            entry.each[attribute] = csv_works.cell(column, value, convert)

    return each


def _add(part: str, attribute: str, convert: Callable | None = None) -> Setter:
    """A list of values, joined across the columns that give them."""

    def add(entry: CsvEntry, value: str, column: str) -> None:
        values = getattr(entry, part)
        found = convert(value) if convert else _many(value, entry.cuts.get(column))
        values[attribute] = values.get(attribute, ()) + found

    return add


def _required(convert: Callable[[str], object], what: str) -> Callable[[str], object]:
    """``convert``, refusing a value it finds nothing in."""

    def checked(value: str) -> object:
        if (found := convert(value)) in (None, ""):
            return parse.refused(value, what)
        return found

    return checked


# The value parsers name no entry or field here: _record names the row's line and the column.


def _moment(value: str) -> dt.datetime | None:
    return parse.moment(value, _MOMENTS)


def _date(value: str) -> dt.date | None:
    found = parse.moment(value, _MOMENTS)
    return None if found is None else found.date()


def _price(entry: CsvEntry, value: str, column: str) -> None:
    found = parse.price_or_none(value)
    if found is None and _AMOUNT.fullmatch(value):
        found = Decimal(value), ""  # a bare amount: a currency column may say which
    if found is None:
        parse.refused(value, "a price")
        return
    amount, currency = found
    entry.copy.setdefault("purchase_price", amount)
    if currency:
        entry.copy.setdefault("purchase_currency", currency)


def _rating(entry: CsvEntry, value: str, column: str) -> None:
    if match := _RATING.match(value):
        entry.edition.setdefault("rating_country", match["country"])
        value = match["code"]
    entry.edition.setdefault("rating", value)


def _status(entry: CsvEntry, value: str, column: str) -> None:
    if status := _STATUSES.get(key(value)):
        entry.copy["status"] = status
    else:
        entry.keep(column, value)  # e.g. Libib's watching status, "Completed"


def _cast(entry: CsvEntry, value: str, column: str) -> None:
    # Never at a comma unless the column is cut there: "Sammy Davis, Jr." is one person.
    cut = entry.cuts.get(column)
    parts = fv.split(value, ";", "|", "\n") if cut is None else _many(value, cut)
    for part in parts:
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
    if not scale:  # not a score, or out of 0
        return parse.refused(value, "a rating, 1–10 or like 3.5/5")
    return fv.scaled_rating(float(match["score"]), scale)  # None for 0: not rated


def _viewings(value: str) -> int | None:
    count = _FLAGS.get(key(value), value)
    return int(count) if parse.is_whole_number(count) else None


def _imdb(value: str) -> str:
    if parse.is_whole_number(value):  # CLZ's IMDb number: no "tt", no leading zeros
        return f"tt{int(value):07d}"
    return fv.imdb_id(value)


def _tmdb(value: str) -> int | None:
    return int(value) if parse.is_whole_number(value) else fv.tmdb_id(value)


def _year(value: str) -> int | None:
    return int(value) if _YEAR.fullmatch(value) else None


def _source_id(entry: CsvEntry, value: str, column: str) -> None:
    entry.source_id = entry.source_id or value


def _other_details(entry: CsvEntry, value: str, column: str) -> None:
    """A column of its own kept under its name; cinecat's own ``other_details`` column (its
    "name: value" lines) gives back each detail it holds."""
    if key(column) != key(OTHER_DETAILS_FIELD):
        entry.keep(column, value)
        return
    for name, text in details.from_text(value):
        entry.keep(name, text)


_EDITION_TEXT = ("distributor", "barcode", "packaging", "aspect_ratio")
_COPY_TEXT = ("owner", "storage_device", "storage_slot", "purchase_store", "condition", "notes")
SETTERS: dict[str, Setter] = {
    **{name: _each(name) for name in ("title", "original_title", "sort_title", "colour")},
    **{name: _add("work", name) for name in ("genres", "countries", "languages")},
    "year": _each("year", _required(_year, "a year")),
    "runtime": _each("runtime_minutes", parse.runtime),
    "plot": lambda entry, value, column: entry.plot(value),
    "directors": lambda entry, value, column: entry.crew(
        _many(value, entry.cuts.get(column)), "Director"
    ),
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
    "regions": _add("edition", "regions", _regions),  # "1, 2", "Region 2", "A|B"
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
    "my_rating": _put("copy", "my_rating", _my_rating),
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


def _is_list(part: str, name: str) -> bool:
    return typing.get_origin(typing.get_type_hints(_PARTS[part])[name]) is tuple


def _flag(value: str) -> bool | None:
    flag = _FLAGS.get(key(value))
    if flag is None:
        return parse.refused(value, "yes or no")
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
        _ALIASES.setdefault(key(_column), _column)
        SETTERS[_column] = _derived_setter(_part, _name)
for _last in (OTHER_DETAILS_FIELD, IGNORE):  # the mapping step offers them last
    FIELDS[_last] = FIELDS.pop(_last)


# The fields whose cells hold lists, cut by a separator (found, or chosen on the mapping step).
LIST_FIELDS = {"genres", "countries", "languages", "directors", "cast", "audio", "subtitles"}
LIST_FIELDS |= {"tags", "regions"}
LIST_FIELDS |= {
    column for column, (part, name) in csv_export.DERIVED.items() if _is_list(part, name)
}
