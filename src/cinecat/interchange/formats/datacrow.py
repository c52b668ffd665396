"""Data Crow 4 and 5 XML exports of the movie module.

Data Crow 4 writes ``<data-crow-objects><movie>``; Data Crow 5 wraps the movies in
``<movie-items>`` and suffixes every reference field with ``-items`` (``<genres-items><genre>
<name>``), then appends the referenced lists (tags, persons …) after the movies. Each reference
field comes twice: as elements and as a comma-joined ``…-list`` copy, which is read only when
the elements are missing. Play length is ``H:MM:SS`` in version 4 and seconds in version 5.
``series`` is the work's series; the created and modified dates are days, the start of which
where cinecat reads dates are the copy's times. The ``service`` that filled the entry and the
``picture-…`` files mean nothing to a person and are source extras. Fields cinecat has no place
for (a ``webpage`` that is not IMDb's or TMDb's …) are kept as the copy's other details under
Data Crow's names, a reference field's names joined with commas and a checkbox's "true" or
"false" as "Yes" or "No".

Loans: Data Crow writes a movie's current loan into its loan fields. When ``lend-by`` names the
person (text in version 4, a reference in version 5), they become a loan: ``loan-start-date``
lent, ``due-date`` due, ``loan-end-date`` returned (none: still out), all YYYY-MM-DD; a date
that cannot be read stays an other detail. ``available`` and ``loan-status`` ("Lent",
"Overdue" …) are then said by the loan and dropped; the day counts ``days-loaned`` and
``days``, worked out on the day of the export, are kept as other details. A movie at home
("Available", "true") has no loan to report; a lent one with nobody named keeps its loan
fields as other details.
"""

import re
from collections.abc import Iterator
from typing import BinaryIO

from lxml import etree

from cinecat.catalog.records import LoanRecord, Record

from . import field_values as fv
from . import parse
from .base import FileFormat
from .census import Census
from .xml_safe_parse import iter_elements, text

_SIGNATURE = re.compile(rb"<data-crow-objects\b")
_RATING = re.compile(r"^([0-9]+(?:\.[0-9]+)?)(?:\s*/\s*([0-9]+))?$")
# Bookkeeping, not data: the module number, the item's module name, its display label.
_IGNORED = {"datacrow-module-index", "item", "label"}
_CHECKBOX = {"true": "Yes", "false": "No"}
_LOAN_DATES = {"loan-start-date": "lent_on", "due-date": "due_on", "loan-end-date": "returned_on"}
_SAID_BY_THE_LOAN = ("lend-by", "available", "loan-status")


def detect(head: bytes) -> bool:
    return _SIGNATURE.search(head) is not None


def read(stream: BinaryIO, census: Census | None = None) -> Iterator[Record]:
    movies = iter_elements(stream, _is_movie, root=("data-crow-objects",))
    for number, movie in enumerate(movies, 1):
        yield _record(movie, number, census)


def _is_movie(element: etree._Element) -> bool:
    parent = element.getparent()
    return element.tag == "movie" and parent.tag in ("data-crow-objects", "movie-items")


def _record(movie: etree._Element, number: int, census: Census | None = None) -> Record:
    where = f"<movie> #{number} (line {movie.sourceline})"
    fields: dict[str, tuple[str, ...]] = {}
    lists: dict[str, str] = {}
    for child in movie:
        name = child.tag.removesuffix("-list").removesuffix("-items")
        if child.tag.endswith("-list"):
            lists[name] = text(child)
        elif len(child):
            fields[name] = tuple(
                text(item.find("name")) for item in child if text(item.find("name"))
            )
        elif text(child):
            fields[name] = (text(child),)
    for name, joined in lists.items():
        if not fields.get(name) and joined:
            fields[name] = fv.split(joined, ",")
    draft = fv.Draft(census=census)
    _titles(draft, fields.pop("title-local", ("",))[0], fields.pop("title", ("",))[0])
    _loan(draft, fields)
    for name, values in fields.items():
        if values and name not in _IGNORED:
            draft.reading(name, len(values))
            _map(draft, name, values, where)
    return draft.record(source_id=fields.get("id", ("",))[0], where=where)


def _map(draft: fv.Draft, name: str, values: tuple[str, ...], where: str) -> None:
    work, edition, copy = draft.work, draft.edition, draft.copy
    first = values[0]
    match name:
        case "id":
            draft.landed("record.source_id")  # a UUID, not a number the user keeps
        case "description":
            draft.plot(first)
        case "year" if parse.is_whole_number(first):
            work["year"] = int(first)
        case "playlength":
            work["runtime_minutes"] = _minutes(first, where)
        case "rating":
            copy["my_rating"] = _rating(first, where)
        case "countries" | "languages" | "genres":
            work[name] = values
        case "color":
            work["colour"] = first
        case "actors":
            for actor in values:
                draft.cast(actor)
        case "directors":
            draft.crew(values, "Director")
        case "audio-languages":
            edition["audio"] = values
        case "subtitle-languages":
            edition["subtitles"] = values
        case "aspect-ratio":
            edition["aspect_ratio"] = ", ".join(values)
        case "storage-medium":
            draft.medium(first, name)
        case "certification":
            edition["rating"] = first
        case "ean":
            edition["barcode"] = first
        case "tags":
            copy["tags"] = values
        case "state" if first == "Seen":
            copy["viewings"] = 1  # a "seen" state says one viewing at least
        case "created" | "modified":
            key = "added_at" if name == "created" else "modified_at"
            day = parse.date(first, parse.ISO_DATE, where, f"<{name}>")
            copy[key] = fv.local_midnight(day)
        case "series":
            work["series"] = first
        case "service" | "picture-front" | "picture-back":
            draft.extra(name, first)  # where the entry came from, a cover's file
        case _ if name.startswith("picture-"):
            draft.extra(name, first)
        case "webpage":
            draft.web_page(first, name)
        case "loan-status" | "available" if first in ("Available", "true"):
            draft.derived()  # at home: what having no open loan says
        case _:
            # file and codec details, user-defined fields, the loan fields of a lent movie …
            draft.keep(name, ", ".join(_CHECKBOX.get(value, value) for value in values))


def _loan(draft: fv.Draft, fields: dict[str, tuple[str, ...]]) -> None:
    """The loan of a movie lent to a named person; the fields it holds leave ``fields``."""
    borrower = ", ".join(fields.get("lend-by", ()))
    if not borrower:
        return
    dates = {}
    for name, key in _LOAN_DATES.items():
        value = (fields.get(name) or ("",))[0]
        day = parse.date_or_none(value, parse.ISO_DATE) if value else None
        if value and day is None:
            continue  # left in ``fields``, to be kept as an other detail
        dates[key] = day
        fields.pop(name, None)
        if day is not None:
            draft.reading(name)
            draft.landed(f"loan.{key}")
    for name in _SAID_BY_THE_LOAN:
        if fields.pop(name, None):
            draft.reading(name)
            draft.landed("loan.borrower") if name == "lend-by" else draft.derived()
    draft.finish()
    draft.copy["loans"] = (LoanRecord(borrower, **dates),)


def _titles(draft: fv.Draft, local: str, title: str) -> None:
    """The local title is the one in the user's language; the title is then the original."""
    if local:
        draft.reading("title-local")
    draft.work["title"] = local or title
    if local and title:
        draft.reading("title")
        if title != local:
            draft.work["original_title"] = title
        else:
            draft.derived()


def _minutes(value: str, where: str) -> int | None:
    if not parse.is_whole_number(value):
        return parse.runtime(value, where, "<playlength>")  # Data Crow 4 writes H:MM:SS
    try:
        return round(int(value) / 60)  # Data Crow 5 counts seconds
    except OverflowError:
        return parse.refused(value, "a running time", where, "<playlength>")


def _rating(value: str, where: str) -> int | None:
    """Data Crow rates 0-10 ("8"); version 4 writes it as "10 / 10"."""
    match = _RATING.match(value)
    scale = float(match[2] or 10) if match else 0
    if not scale:  # unreadable, or out of 0
        return parse.refused(value, "a rating", where, "<rating>")
    return fv.scaled_rating(float(match[1]), scale)


FORMAT = FileFormat(
    key="datacrow",
    label="Data Crow 4 or 5 (XML)",
    detect=detect,
    read=read,
    counts=True,
)
