"""Why an entry cannot be stored: said per entry, before anything of it is written.

Every way in (an import, a provider's entry, a restore) checks its records here first.

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
import datetime as dt
import functools
from collections.abc import Callable, Iterable
from operator import attrgetter
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.models import Model

from cinecat.core import barcodes

from .models import (
    Company,
    Copy,
    Country,
    Credit,
    Disc,
    Edition,
    Episode,
    Genre,
    Language,
    Location,
    Person,
    Plot,
    StorageDevice,
    Tag,
    Viewing,
    Work,
)
from .records import Record

Named = list[tuple[str, type[Model], Iterable[str]]]  # (label, pick-list table, names)


class Checked(NamedTuple):
    """A record and what its checks found: why it cannot be stored (or ''), its barcode
    normalised. A record whose barcode is none comes back keeping it as given, flagged."""

    record: Record
    problem: str
    barcode: str


def checked(record: Record, more_names: Callable[[Record], Named] | None = None) -> Checked:
    """The record's checks; ``more_names`` names the pick-list values of apps above the catalog
    (a loan's borrower) to check as its own are."""
    if not record.works or not record.works[0].title.strip():
        return Checked(record, "the entry has no title", "")
    barcode = ""
    if record.edition.barcode:
        try:
            barcode = barcodes.normalize(record.edition.barcode)
        except barcodes.BarcodeError as exc:
            record = kept_as_given(record, str(exc))
    record = _web_addresses(record)
    record = _plausible_birth_years(record)
    named = _names(record) + (more_names(record) if more_names else [])
    found = _first_misfit(record) or long_name(named) or _odd_value(record)
    return Checked(record, found or _episode_places(record), barcode)


def _episode_places(record: Record) -> str:
    """A disc or a viewing naming an episode the entry's works do not list."""
    count = sum(len(work.episodes) for work in record.works)
    for number, disc in enumerate(record.edition.disc_list, 1):
        for place in disc.episodes:
            if not 1 <= place <= count:
                return f"disc {number} names episode {place}, but the entry lists {count}"
    for viewing in record.copy.viewing_log:
        if viewing.episode is not None and not 1 <= viewing.episode <= count:
            return f"a viewing names episode {viewing.episode}, but the entry lists {count}"
    return ""


# A page links a trailer: only a web address may be a link's target (a "javascript:" one
# would run in the reader's browser). The edit form's URL field takes the same.
_WEB_ADDRESS = URLValidator(schemes=["http", "https"])


def web_address(value: str) -> bool:
    """Whether ``value`` is an http or https address a page may link to."""
    try:
        _WEB_ADDRESS(value)
    except ValidationError:
        return False
    return True


def _web_addresses(record: Record) -> Record:
    """The record with each trailer URL that is no web address kept as written among the
    copy's other details, flagged, and not as a link."""
    odd = [work.trailer_url for work in record.works if work.trailer_url]
    odd = [value for value in odd if not web_address(value.strip())]
    if not odd:
        return record
    works = tuple(
        dataclasses.replace(work, trailer_url="") if work.trailer_url in odd else work
        for work in record.works
    )
    why = "is not a web address (http or https): kept as written, not as a link."
    flags = (*record.copy.flags, *((("Trailer URL", f"{value[:80]!r} {why}")) for value in odd))
    details = (*record.copy.other_details, *(("Trailer URL", value) for value in odd))
    copy = dataclasses.replace(record.copy, flags=flags, other_details=details)
    return dataclasses.replace(record, works=works, copy=copy)


FIRST_BIRTH_YEAR = 1800


def _plausible_birth_years(record: Record) -> Record:
    """The record without the birth years no one can have been born in (sources carry 0,
    45316 …): such a year is no fact to keep."""
    last = dt.date.today().year
    odd = any(
        credit.birth_year is not None and not FIRST_BIRTH_YEAR <= credit.birth_year <= last
        for work in record.works
        for credit in work.credits
    )
    if not odd:
        return record
    works = tuple(
        dataclasses.replace(
            work,
            credits=tuple(
                dataclasses.replace(credit, birth_year=None)
                if credit.birth_year is not None
                and not FIRST_BIRTH_YEAR <= credit.birth_year <= last
                else credit
                for credit in work.credits
            ),
        )
        for work in record.works
    )
    return dataclasses.replace(record, works=works)


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
    episodes = [episode for work in record.works for episode in work.episodes]
    many_parts = [(credits, Credit), (plots, Plot), (episodes, Episode)]
    many_parts += [(list(record.edition.disc_list), Disc), (list(record.copy.viewing_log), Viewing)]
    for many, model in many_parts:
        if _all_fit(many, model):
            continue
        for part in many:
            if found := misfit(part, model):
                return found
    return _name_parts(credits)


_PARTS_LIMIT = Person._meta.get_field("first_name").max_length


def _name_parts(credits: list) -> str:
    """A person's first, middle or last name longer than a name holds."""
    for credit in credits:
        for label in ("first_name", "middle_name", "last_name"):
            part = getattr(credit, label)
            if len(part) > _PARTS_LIMIT:
                return _message(label.replace("_", " "), part, _PARTS_LIMIT)
    return ""


def _odd_value(record: Record) -> str:
    """A NUL character anywhere (PostgreSQL keeps none in text), a price past its column, a
    time too near the ends of the calendar to survive a change of time zone."""
    # repr shows a NUL as the four characters \x00: cheap to look for, then made sure of.
    if "\\x00" in repr(record) and holds_nul(record):
        return "a value holds a NUL character (\\x00), which no text may hold"
    for label, price in (
        ("purchase price", record.copy.purchase_price),
        ("list price", record.edition.list_price),
    ):
        if price is not None and not abs(price) < _PRICE_LIMIT:
            return f"the {label} {price} is out of range: less than {_PRICE_LIMIT}"
    for work in record.works:
        if work.imdb_rating is not None and not 0 <= work.imdb_rating <= 10:
            return f"the IMDb rating {work.imdb_rating} is out of range: 0 to 10"
    rating = record.copy.my_rating
    if rating is not None and not 1 <= rating <= 10:
        return f"my rating {rating} is out of range: 1 (half a star) to 10 (five stars)"
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


def _names(record: Record) -> Named:
    """The entry's pick-list values (people, genres, tags, places …) with their tables."""
    copy, edition = record.copy, record.edition
    named: Named = [
        ("distributor", Company, (edition.distributor, *edition.co_distributors)),
        ("storage device", StorageDevice, (copy.storage_device,)),
        ("location", Location, copy.location),
        ("tag", Tag, copy.tags),
    ]
    for work in record.works:
        named += [
            ("person's name", Person, [credit.name for credit in work.credits]),
            ("genre", Genre, work.genres),
            ("country", Country, work.countries),
            ("language", Language, work.languages),
            ("studio", Company, work.studios),
        ]
    return named


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
