"""Griffith's XML export: ``<root><movie>`` with one child element per database column.

Every value is padded with newlines and tabs. Genres and countries are joined with `` / `` (or
commas), the cast is one "Actor as Role" a line, and ``site`` is the page the data came from
(IMDb, DVD Empire, OFDb …). Numbers the user never set are written as ``0``. ``studio`` made the
film, ``collections_name`` is its series, ``classification`` its audience rating (no country
named). The cover's file and checksum (``image``, ``poster_md5``) mean nothing to a person and
are kept as source extras. Columns cinecat has no place for (``site`` when it is not IMDb or
TMDb, ``o_site`` …) are kept as the copy's other details under Griffith's names.
"""

import re
from collections.abc import Iterator
from typing import BinaryIO

from lxml import etree

from cinecat.catalog.records import Record

from . import field_values as fv
from . import parse
from .base import FileFormat
from .census import Census
from .xml_safety import iter_entries

_SIGNATURE = re.compile(rb"<root>\s*<movie>\s*<number>")
_CREW = {"director": "Director", "screenplay": "Writer", "cameraman": "Cinematographer"}
# Griffith writes 0 for numbers and flags never set (an unrated film has rating 0).
_UNSET = {"", "0"}


def detect(head: bytes) -> bool:
    return _SIGNATURE.search(head) is not None


def read(stream: BinaryIO, census: Census | None = None) -> Iterator[Record]:
    for number, movie in iter_entries(stream, root="root", container="root", entry="movie"):
        yield _record(movie, number, census)


def _record(movie: etree._Element, number: int, census: Census | None = None) -> Record:
    where = f"<movie> #{number} (line {movie.sourceline})"
    draft = fv.Draft(census=census)
    source_id = ""
    for child in movie:
        value = (child.text or "").strip()
        if child.tag == "number" and parse.is_whole_number(value):  # else kept as odd, below
            source_id = value
        if value not in _UNSET:
            draft.reading(child.tag, _items(child.tag, value))
            _map(draft, child.tag, value, where)
    return draft.record(source_id=source_id, where=where)


def _items(name: str, value: str) -> int:
    """How many values a column holds: an actor a line, a genre or country between " / "."""
    if name == "cast":
        return len([line for line in value.splitlines() if line.strip()])
    if name in ("genre", "country"):
        return len(fv.split(value, " / ", ","))
    if name in _CREW:
        return len(fv.split(value, ",", "\n"))
    return 1


def _map(draft: fv.Draft, name: str, value: str, where: str) -> None:
    work, edition, copy = draft.work, draft.edition, draft.copy
    match name:
        case "number":
            copy["index"] = _whole(value, name, where)  # Griffith's number is the user's own
            draft.landed("record.source_id")
        case "title":
            work["title"] = value
        case "o_title":
            work["original_title"] = value
        case "director" | "screenplay" | "cameraman":
            draft.crew(fv.split(value, ",", "\n"), _CREW[name])
        case "year":
            work["year"] = _whole(value, name, where)
        case "runtime":
            work["runtime_minutes"] = _whole(value, name, where)
        case "classification":
            edition["rating"] = value  # with no country named
        case "country":
            work["countries"] = fv.split(value, " / ", ",")
        case "genre":
            work["genres"] = fv.split(value, " / ", ",")
        case "rating":
            # Griffith rates 0-10 like cinecat; 0, what an unrated film holds, is skipped above.
            copy["my_rating"] = fv.half_stars(_whole(value, name, where), value, where, name)
        case "studio":
            work["studios"] = (value,)  # who made the film
        case "collections_name":
            work["series"] = value
        case "poster_md5" | "image":
            draft.extra(name, value)  # the cover's checksum and file
        case "cond" | "condition":
            copy["condition"] = value
        case "color":
            work["colour"] = value
        case "seen":
            copy["viewings"] = 1  # a "seen" flag says one viewing at least
        case "site":
            draft.web_page(value, name)
        case "trailer":
            work["trailer_url"] = value
        case "plot":
            draft.plot(value)
        case "cast":
            _cast(draft, value)
        case "notes":
            copy["notes"] = value
        case "media_name":
            draft.medium(value, name)
        case "media_num":
            edition["discs"] = _whole(value, name, where)
        case "barcode":
            edition["barcode"] = value
        case "region":
            edition["regions"] = (value,)
        case "loaned":
            draft.keep(name, "Yes")  # a flag: 0, at home, is skipped above
        case _:
            # o_site (the official site), volumes_name (a box grouping), codecs …
            draft.keep(name, value)


def _cast(draft: fv.Draft, value: str) -> None:
    """One actor a line: ``Michael Guarino Jr. as Customer (as Michael Guarino)``."""
    for line in value.splitlines():
        name, _, character = line.strip().partition(" as ")
        draft.cast(name.strip(), character.strip())


def _whole(value: str, name: str, where: str) -> int:
    return parse.whole_number(value, where, f"<{name}>")


FORMAT = FileFormat(
    key="griffith",
    label="Griffith (XML export)",
    detect=detect,
    read=read,
    counts=True,
)
