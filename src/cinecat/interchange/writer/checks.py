"""Why an entry cannot be stored: said per entry, before anything of it is written.

PostgreSQL refuses text longer than its column and a number past its integer type (SQLite would
store both): a value that does not fit fails its entry with its length or its range, instead of
aborting the whole import with a database error. The ranges are those of the portable integer
types, whatever the database: a catalog on SQLite must restore on PostgreSQL.
Fifteen credits an entry make these checks hot: each record type's columns and limits are paired
once, and the parts an entry has many of (credits, plots) are first looked at a column at a time.
They need no database: a file read in a second process is checked there too (``checked``), and
the writer takes each record's outcome as it comes.
"""

import dataclasses
import functools
from collections.abc import Iterable
from operator import attrgetter
from typing import NamedTuple

from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.models import Model

from cinecat.catalog.models import (
    Company,
    Copy,
    Country,
    Credit,
    Edition,
    Genre,
    Language,
    Location,
    Person,
    Plot,
    StorageDevice,
    Tag,
    Work,
)
from cinecat.catalog.records import Record
from cinecat.core import barcodes
from cinecat.lending.models import Borrower

from .matching import Incoming


class Checked(NamedTuple):
    """A record and what its checks found: why it cannot be stored (or ''), its barcode
    normalised."""

    record: Record
    problem: str
    barcode: str


def checked(record: Record | Checked) -> Checked:
    """The record with its checks' outcome; a record checked already is as it was."""
    if isinstance(record, Checked):
        return record
    entry = Incoming(0, record)
    found = problem(entry)
    return Checked(entry.record, found, entry.barcode)


def problem(entry: Incoming) -> str:
    """Why ``entry`` cannot be stored, or ''; sets ``entry.barcode`` to the normalised one.

    A barcode that is no valid UPC/EAN does not sink its entry: the entry's record becomes one
    that keeps the code as given (``barcode_as_given``), with a flag on its copy saying why.
    """
    record = entry.record
    if not record.works or not record.works[0].title.strip():
        return "the entry has no title"
    if record.edition.barcode:
        try:
            entry.barcode = barcodes.normalize(record.edition.barcode)
        except barcodes.BarcodeError as exc:
            entry.record = record = kept_as_given(record, str(exc))
    return _first_misfit(record) or _long_name(record) or _odd_value(record)


def kept_as_given(record: Record, why: str) -> Record:
    """The record with its barcode, which is none, kept as written and flagged."""
    edition = dataclasses.replace(
        record.edition, barcode="", barcode_as_given=record.edition.barcode.strip()[:40]
    )
    flags = (*record.copy.flags, ("Barcode", f"{why} It is kept as written, not as a barcode."))
    copy = dataclasses.replace(record.copy, flags=flags)
    return dataclasses.replace(record, edition=edition, copy=copy)


def _first_misfit(record: Record) -> str:
    """What misfit finds first in the edition, the copy, the entry, its works, their credits
    and their plots, in that order."""
    parts = [(record.edition, Edition), (record.copy, Copy), (record, Copy)]
    parts += [(work, Work) for work in record.works]
    for part, model in parts:
        if found := misfit(part, model):
            return found
    credits = [credit for work in record.works for credit in work.credits]
    plots = [plot for work in record.works for plot in work.plots]
    for many, model in ((credits, Credit), (plots, Plot)):
        if _all_fit(many, model):
            continue
        for part in many:
            if found := misfit(part, model):
                return found
    return ""


def _odd_value(record: Record) -> str:
    """A NUL character anywhere (PostgreSQL keeps none in text), a price past its column, a
    time too near the ends of the calendar to survive a change of time zone."""
    # repr shows a NUL as the four characters \x00: cheap to look for, then made sure of.
    if "\\x00" in repr(record) and holds_nul(record):
        return "a value holds a NUL character (\\x00), which no text may hold"
    price = record.copy.purchase_price
    if price is not None and not abs(price) < _PRICE_LIMIT:
        return f"the purchase price {price} is out of range: less than {_PRICE_LIMIT}"
    for name in ("added_at", "modified_at"):
        when = getattr(record.copy, name)
        if when is not None and not _FIRST_YEAR <= when.year <= _LAST_YEAR:
            return f"the {name.replace('_', ' ')} {when} is out of range: years 2 to 9998"
    return ""


def holds_nul(value) -> bool:
    """Whether a NUL character is in this text, or in any text of this list or dataclass."""
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, tuple | list):
        return any(map(holds_nul, value))
    if dataclasses.is_dataclass(value):
        return any(holds_nul(getattr(value, field.name)) for field in dataclasses.fields(value))
    return False


_field = Copy._meta.get_field("purchase_price")
_PRICE_LIMIT = 10 ** (_field.max_digits - _field.decimal_places)
_FIRST_YEAR, _LAST_YEAR = 2, 9998


def _all_fit(parts: list, model: type[Model]) -> bool:
    """Whether every value of these parts fits its column, a column at a time. False may be
    wrong (then misfit looks at each part); True is not."""
    kinds = set(map(type, parts))
    if len(kinds) != 1:
        return not parts
    for name, limit, low, high in _columns(kinds.pop(), model):
        values = list(map(attrgetter(name), parts))
        if limit:
            try:
                if max(map(len, values)) > limit:
                    return False
            except TypeError:  # not text: misfit says what it is
                return False
        elif not all(v is None or (type(v) is int and low <= v <= high) for v in values):
            return False
    return True


def misfit(part, model: type[Model]) -> str:
    """A value of ``part`` its column cannot hold: text past its length, a number past its range."""
    for name, limit, low, high in _columns(type(part), model):
        value = getattr(part, name)
        if isinstance(value, str):
            if len(value) > limit:
                return _message(name.replace("_", " "), value, limit)
        elif isinstance(value, int) and not low <= value <= high:
            return f"the {name.replace('_', ' ')} {value} is out of range: {low} to {high}"
    return ""


@functools.cache
def _columns(part_type: type, model: type[Model]) -> tuple[tuple[str, int, int, int], ...]:
    """The record fields with a column of limited length (its limit) or of an integer type (the
    range every database holds): (name, length, lowest, highest)."""
    ranges = BaseDatabaseOperations.integer_field_ranges
    found: dict[str, tuple[int, int, int]] = {}
    for field in model._meta.concrete_fields:
        if getattr(field, "max_length", 0):
            found[field.name] = (field.max_length, 0, 0)
        elif field.get_internal_type() in ranges and not field.primary_key:
            found[field.name] = (0, *ranges[field.get_internal_type()])
    return tuple(
        (field.name, *found[field.name])
        for field in dataclasses.fields(part_type)
        if field.name in found
    )


def _long_name(record: Record) -> str:
    """A pick-list value (a person, a genre, a tag, a place …) longer than its table's names."""
    copy = record.copy
    named: list[tuple[str, type[Model], Iterable[str]]] = [
        ("distributor", Company, (record.edition.distributor,)),
        ("storage device", StorageDevice, (copy.storage_device,)),
        ("location", Location, copy.location),
        ("tag", Tag, copy.tags),
        ("borrower", Borrower, [loan.borrower for loan in copy.loans]),
    ]
    for work in record.works:
        named += [
            ("person's name", Person, [credit.name for credit in work.credits]),
            ("genre", Genre, work.genres),
            ("country", Country, work.countries),
            ("language", Language, work.languages),
        ]
    return long_name(named)


def long_name(named: Iterable[tuple[str, type[Model], Iterable[str]]]) -> str:
    """The first of these (label, pick-list table, names) longer than its table's names hold."""
    for label, model, values in named:
        limit = _name_limit(model)
        if max(map(len, values), default=0) > limit:
            value = next(value for value in values if len(value) > limit)
            return _message(label, value, limit)
    return ""


@functools.cache
def _name_limit(model: type[Model]) -> int:
    return model._meta.get_field("name").max_length


def _message(label: str, value: str, limit: int) -> str:
    return f"the {label} {value[:40]!r}… is {len(value)} characters; at most {limit} fit"
