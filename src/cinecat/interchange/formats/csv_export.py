"""CSV for spreadsheets: one row per copy, with the columns the user picks, in that order.

Columns (lists are joined with "; "):

    index, title, sort_title, original_title, year, runtime_minutes, colour, genres,
    countries, languages, directors, cast, imdb_id, tmdb_id, trailer_url,
    format, edition_name, distributor, release_date, barcode, rating_country, rating,
    regions, discs, packaging, aspect_ratio, audio, subtitles,
    status, owner, location, storage_device, storage_slot, purchased_on, purchase_price,
    purchase_currency, purchase_store, condition, notes, tags, my_rating, viewings,
    added_at, modified_at, lent_to, source_id, other_details

and after them a column for every other plain field of the records (one value, or a list of
texts), named as the field (``DERIVED``): studios, series, video_standard, list_price,
slip_cover … A yes-or-no field is "yes" or empty.

A box set is one row. A work's own value (title, sort_title, original_title, year,
runtime_minutes, colour, imdb_id, tmdb_id, trailer_url) is written once a work, in the works'
order, joined by "; ", with an empty part for a work without one ("Alien; Aliens", "117; "); a
list (genres, countries, languages, directors, cast) holds the distinct values of all its works.
``year`` falls back to the release year when no work has one. Dates are ISO 8601, prices plain
decimals, a location its path ("Living room > Shelf 2"), ``lent_to`` the borrower of an open
loan, ``other_details`` one "name: value" line per detail kept from an earlier cataloguer (a
value's further lines indented, as ``cinecat.catalog.details`` writes them).
Without a choice, DEFAULT_COLUMNS are written. This is the writer of the csv format, which
csv_import reads and declares (its ``FORMAT``).

csv_import reads every column back into its field, box sets as box sets, except what a CSV
cannot say: plots, characters, crew other than directors, the loan history and an open loan's
dates (``cinecat-json`` keeps everything); which work of a box set a list value came from (the
first work gets them all); the format a ``source_id`` came from (the CSV import becomes the
copy's source); that a work had no year (the release year standing in comes back as its year).
A list cell holding one value with a "," in it ("Sammy Davis, Jr.") is cut there on the way
back, and so is a one-level location named with a "/" ("A/V cabinet"); a box set none of whose
works has a year, running time or id comes back as one film titled "A; B".
"""

import csv
import datetime as dt
import io
import re
import typing
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any, BinaryIO

from cinecat.catalog import details
from cinecat.catalog.fields import copy_fields, edition_fields, work_fields
from cinecat.catalog.records import Record

SEPARATOR = "; "

DEFAULT_COLUMNS = [
    "index",
    "title",
    "year",
    "format",
    "barcode",
    "genres",
    "distributor",
    "release_date",
    "location",
    "storage_device",
    "storage_slot",
    "owner",
    "tags",
    "purchased_on",
    "purchase_price",
    "purchase_currency",
    "status",
]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, tuple):
        return SEPARATOR.join(_cell(item) for item in value)
    if isinstance(value, dt.date):  # datetimes too
        return value.isoformat()
    if isinstance(value, Decimal | int):
        return str(value)
    return value


def _joined(values: Iterable[Any]) -> str:
    """Distinct non-empty values in order: a box set of three Sci-Fi films is 'Sci-Fi'."""
    return SEPARATOR.join(dict.fromkeys(_cell(v) for v in values if v not in ("", None)))


def _works(name: str) -> Callable[[Record], str]:
    def column(record: Record) -> str:
        values = [getattr(work, name) for work in record.works]
        return _joined(
            v for value in values for v in (value if isinstance(value, tuple) else [value])
        )

    return column


def _each_work(name: str) -> Callable[[Record], str]:
    """One part a work, in order, empty for a work without a value ("117; ; "), so that
    csv_import gives each work of a box set its own; "" when no work has one."""

    def column(record: Record) -> str:
        values = [_cell(getattr(work, name)) for work in record.works]
        return SEPARATOR.join(values) if any(values) else ""

    return column


def _edition(name: str) -> Callable[[Record], str]:
    return lambda record: _cell(getattr(record.edition, name))


def _copy(name: str) -> Callable[[Record], str]:
    return lambda record: _cell(getattr(record.copy, name))


def _people(role: str, job: str = "") -> Callable[[Record], str]:
    return lambda record: _joined(
        credit.name
        for work in record.works
        for credit in work.credits
        if credit.role == role and (not job or credit.job == job)
    )


def _year(record: Record) -> str:
    """The works' years, else the edition's release year, as the catalog pages show it."""
    release = record.edition.release_date
    return _each_work("year")(record) or (str(release.year) if release else "")


def _lent_to(record: Record) -> str:
    return _joined(loan.borrower for loan in record.copy.loans if loan.returned_on is None)


COLUMNS: dict[str, Callable[[Record], str]] = {
    "index": _copy("index"),
    **{
        name: _each_work(name)
        for name in ("title", "sort_title", "original_title", "runtime_minutes", "colour")
    },
    **{name: _works(name) for name in ("genres", "countries", "languages")},
    "year": _year,
    "directors": _people("crew", "Director"),
    "cast": _people("cast"),
    **{name: _each_work(name) for name in ("imdb_id", "tmdb_id", "trailer_url")},
    "format": _edition("format"),
    "edition_name": _edition("name"),
    **{
        name: _edition(name)
        for name in (
            "distributor",
            "release_date",
            "barcode",
            "rating_country",
            "rating",
            "regions",
            "discs",
            "packaging",
            "aspect_ratio",
            "audio",
            "subtitles",
        )
    },
    **{
        name: _copy(name)
        for name in (
            "status",
            "owner",
            "storage_device",
            "storage_slot",
            "purchased_on",
            "purchase_price",
            "purchase_currency",
            "purchase_store",
            "condition",
            "notes",
            "tags",
            "my_rating",
            "viewings",
            "added_at",
            "modified_at",
        )
    },
    "location": lambda record: " > ".join(record.copy.location),
    "lent_to": _lent_to,
    "source_id": lambda record: record.source_id,
    "other_details": lambda record: details.as_text(record.copy.other_details),
}


def _plain(record_type: type, name: str) -> bool:
    """Whether a record field is one value, or a list of texts: what a cell can say."""
    hint = typing.get_type_hints(record_type)[name]
    args = [arg for arg in typing.get_args(hint) if arg is not type(None)]
    if typing.get_origin(hint) is tuple:
        return args == [str, Ellipsis]
    return hint in _SCALARS or (len(args) == 1 and args[0] in _SCALARS)


_SCALARS = (str, int, bool, Decimal, dt.date, dt.datetime)


def _derived_columns() -> dict[str, tuple[str, str]]:
    """A column for each plain field of the records that no column above stands for, named as
    the field: a new field of a record is exported (and imported back) by itself. Column →
    (the record part it is a field of, "work", "edition" or "copy"; the field)."""
    found: dict[str, tuple[str, str]] = {}
    for part, fields in (
        ("work", work_fields()),
        ("edition", edition_fields()),
        ("copy", copy_fields()),
    ):
        for name in fields.order:
            if name in COLUMNS or name in STOOD_FOR[part] or name in found:
                continue
            if _plain(fields.record, name):
                found[name] = (part, name)
    return found


# Record fields that a column of another name stands for, or that a cell cannot hold.
STOOD_FOR = {
    "work": {"year"},
    "edition": {"name"},  # edition_name
    "copy": {"location", "loans", "viewing_log", "disc_places", "flags", "source_extras"},
}


DERIVED = _derived_columns()


def _derived() -> dict[str, Callable[[Record], str]]:
    getters = {"work": _each_work, "edition": _edition, "copy": _copy}
    made = {}
    for column, (part, name) in DERIVED.items():
        lists = part == "work" and name in work_fields().name_sets
        made[column] = _works(name) if lists else getters[part](name)
    return made


COLUMNS.update(_derived())


# The record parts (export.PARTS) a column reads beyond the copy, its edition and its works'
# own fields: an export reads only those of the columns written.
_PARTS_READ = {
    "genres": "genres",
    "countries": "countries",
    "languages": "languages",
    "directors": "credits",
    "cast": "credits",
    "tags": "tags",
    "lent_to": "loans",
    **{
        name: name
        for fields in (work_fields(), edition_fields())
        for name in fields.name_sets
        if name in COLUMNS and name not in ("genres", "countries", "languages")
    },
}


def parts(*, columns: Sequence[str] | None = None) -> frozenset[str]:
    """The record parts the ``columns`` read (the default columns without a choice)."""
    return frozenset(
        _PARTS_READ[name] for name in columns or DEFAULT_COLUMNS if name in _PARTS_READ
    )


# A cell a spreadsheet would take for a formula (=, +, -, @; a tab or a carriage return
# before one): written after a "'", which spreadsheets read as "this is text" and csv_import
# takes off again. A plain number ("-5.50") is a number, not a formula: written as it is.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"-?\d+(\.\d+)?")
TEXT_MARK = "'"


def _formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(text)


def _marked(text: str) -> bool:
    """Whether the cell needs the mark: a formula, or a text that would read as a marked one."""
    return _formula(text) or (text.startswith(TEXT_MARK) and _marked(text[1:]))


def safe_cell(text: str) -> str:
    """The cell as written: one a spreadsheet would run as a formula is marked as text."""
    return TEXT_MARK + text if _marked(text) else text


def unmarked(cell: str) -> str:
    """A cell as read back: the "'" that ``safe_cell`` put before a formula taken off."""
    if cell.startswith(TEXT_MARK) and _marked(cell[1:]):
        return cell[1:]
    return cell


def write(
    records: Iterable[Record], stream: BinaryIO, *, columns: Sequence[str] | None = None
) -> None:
    """A header row with the column names, then one row per record, written as they come."""
    names = list(columns or DEFAULT_COLUMNS)
    getters = [COLUMNS[name] for name in names]  # export_collection checks the names
    text = io.TextIOWrapper(stream, encoding="utf-8", newline="", write_through=True)
    try:
        rows = csv.writer(text)
        rows.writerow(names)
        for record in records:
            rows.writerow([safe_cell(get(record)) for get in getters])
        text.flush()
    finally:
        text.detach()  # the caller owns the stream and closes it
