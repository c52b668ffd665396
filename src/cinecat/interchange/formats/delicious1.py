"""Delicious Library 1 XML: ``<library><items><movie …/>``, every value an attribute.

Lists are joined with newlines, ``created`` counts seconds since 2001-01-01 (Apple's epoch, in
UTC), ``purchaseDate`` and ``published`` are DD-MM-YYYY, prices are "$9.98", and
``description`` is RTF. ``genre`` holds Amazon's browse nodes, the genres (but for those naming
a region, which are the regions, a decade, and Amazon's placeholders); the name of every
``<shelf>`` (after all items) that links to the item is a tag. ``features`` are read into the
edition's fields (``feature_words``), ``price`` is Amazon's list price, ``country`` the store's,
whose board gave the rating. Other media (books, music, games) in the same library are not
films and are left out. Amazon's id (``asin``) and the time Amazon was last asked are source
extras; values cinecat has no place for (``currentValue``, ``netrating`` …) are kept as the
copy's other details under Delicious Library's names.
"""

import datetime as dt
import re
from collections.abc import Iterator
from typing import BinaryIO

from lxml import etree

from cinecat.catalog.records import Record

from . import field_values as fv
from . import parse
from .base import FileFormat
from .census import Census
from .feature_words import read_browse_nodes, read_features
from .xml_safe_parse import rewindable
from .xml_safety import iter_entries

_SIGNATURE = re.compile(rb"<library\b[^>]*>\s*<items>")
_APPLE_EPOCH = dt.datetime(2001, 1, 1, tzinfo=dt.UTC)
# Amazon browse nodes it could not name: placeholders, not values.

_RTF_DROPPED_GROUPS = re.compile(
    r"\{\\(?:fonttbl|colortbl|stylesheet|info)[^{}]*(?:\{[^{}]*\}[^{}]*)*\}"
)
_RTF_CONTROL = re.compile(r"\\(?:'([0-9a-fA-F]{2})|([a-z]+)(-?\d+)? ?|([\\{}]))")
_RTF_CODE_PAGES = {"10000": "mac_roman", "1252": "cp1252"}


def detect(head: bytes) -> bool:
    return _SIGNATURE.search(head) is not None


def read(stream: BinaryIO, census: Census | None = None) -> Iterator[Record]:
    stream = rewindable(stream)
    shelves = _shelves(stream)  # they follow the items, so a first pass collects them
    stream.seek(0)
    for number, movie in iter_entries(stream, root="library", container="items", entry="movie"):
        yield _record(movie, number, shelves, census)


def _shelves(stream: BinaryIO) -> dict[str, list[str]]:
    names: dict[str, list[str]] = {}
    for _, shelf in iter_entries(stream, root="library", container="shelves", entry="shelf"):
        for link in shelf.iter("linkto"):
            names.setdefault(link.get("uuid", ""), []).append(shelf.get("name", ""))
    return names


def _record(
    movie: etree._Element,
    number: int,
    shelves: dict[str, list[str]],
    census: Census | None = None,
) -> Record:
    where = f"<movie> #{number} (line {movie.sourceline})"
    draft = fv.Draft(census=census)
    title = movie.get("title", "")
    for name, value in movie.attrib.items():
        if not value.strip():
            continue
        if name not in ("genre", "features"):  # read a value at a time
            draft.reading(name, _items(name, value))
        if name == "fullTitle" and (value == title or value.startswith(f"{title} (")):
            draft.derived()  # the title, and the edition's words: "Driving Miss Daisy (Special…)"
        else:
            _map(draft, name, value.strip(), where)
    for child in movie:
        if (child.text or "").strip():
            draft.reading(child.tag)
        if child.tag == "description" and (child.text or "").strip():
            draft.plot(_rtf_text(child.text.strip()))
        elif (child.text or "").strip():
            draft.keep(child.tag, child.text)
    uuid = movie.get("uuid", "")
    on_shelves = [name for name in shelves.get(uuid, ()) if name]
    if on_shelves:
        draft.reading("shelves/shelf/@name", len(on_shelves))
        draft.copy["tags"] = tuple(dict.fromkeys(on_shelves))
    return draft.record(source_id=uuid, where=where)


def _items(name: str, value: str) -> int:
    """How many values a list attribute holds, one a line; one for the others."""
    return len(fv.split(value, "\n")) if name in ("director", "stars") else 1


def _map(draft: fv.Draft, name: str, value: str, where: str) -> None:
    work, edition, copy = draft.work, draft.edition, draft.copy
    lines = fv.split(value, "\n")
    match name:
        case "uuid":
            draft.landed("record.source_id")
        case "title":
            work["title"] = value
        case "aspect":
            draft.medium(value, name)  # Delicious names the medium "aspect"
        case "director":
            draft.crew(lines, "Director")
        case "stars":
            for star in lines:
                draft.cast(star)
        case "minutes":
            work["runtime_minutes"] = parse.whole_number(value, where, name)
        case "theatricalDate":
            work["year"] = _date(value, name, where).year
        case "genre":
            read_browse_nodes(draft, name, lines)
        case "features":
            read_features(draft, name, value)
        case "edition":
            edition["name"] = value
        case "mediacount":
            edition["discs"] = parse.whole_number(value, where, name)
        case "mpaarating":
            edition["rating"] = value
            edition.setdefault("rating_country", "US")  # the MPAA is American
        case "country":
            edition["rating_country"] = value.upper()  # the Amazon store's, whose board rated it
        case "published":
            edition["release_date"] = _date(value, name, where)
        case "publisher":
            edition["distributor"] = value
        case "upc":
            edition["barcode"] = value
        case "purchaseDate":
            copy["purchased_on"] = _date(value, name, where)
        case "price":
            # Amazon's list price; Delicious Library 1 keeps no price paid.
            draft.price(value, name, fv.LIST_PRICE)
        case "rating" if value != "0":
            if (stars := parse.decimal(value, where, name)) is not None:
                copy["my_rating"] = fv.scaled_rating(float(stars), 5)  # stars out of five
        case "rating":
            pass  # 0: not rated
        case "created":
            copy["added_at"] = _apple_moment(value, where, name)
        case "lastLookupTime":
            draft.extra(name, _moment_text(value))  # when Amazon was last asked
        case "asin":
            draft.extra(name, value)  # Amazon's id of the product
        case _:
            # currentValue, netrating (Amazon's rating), fullTitle when it differs from the
            # title …
            draft.keep(name, value)


def _apple_moment(value: str, where: str, name: str) -> dt.datetime | None:
    """Seconds since 2001-01-01 UTC, as Apple counts time."""
    moment = _apple_moment_or_none(value)
    if moment is None:
        return parse.refused(value, "a time in seconds", where, name)
    return moment


def _apple_moment_or_none(value: str) -> dt.datetime | None:
    seconds = parse.decimal_or_none(value)
    if seconds is None:
        return None
    try:
        return _APPLE_EPOCH + dt.timedelta(seconds=float(seconds))
    except OverflowError:  # past the year 9999
        return None


def _moment_text(value: str) -> str:
    """Seconds since Apple's epoch as "YYYY-MM-DD HH:MM:SS UTC"; any other text as it is."""
    moment = _apple_moment_or_none(value)
    return value if moment is None else fv.utc_text(moment)


def _date(value: str, name: str, where: str) -> dt.date:
    return parse.date(value, parse.DAY_FIRST_DASHED_DATE, where, name)


def _rtf_text(rtf: str) -> str:
    """The plain text of Delicious's RTF descriptions: paragraphs kept, formatting dropped."""
    if not rtf.startswith("{\\rtf"):
        return rtf
    code_page = re.search(r"\\ansicpg(\d+)", rtf)
    encoding = _RTF_CODE_PAGES.get(code_page[1] if code_page else "", "cp1252")
    body = _RTF_DROPPED_GROUPS.sub("", rtf)

    def replace(match: re.Match) -> str:
        hex_byte, word, _, symbol = match.groups()
        if hex_byte:
            return bytes([int(hex_byte, 16)]).decode(encoding, errors="replace")
        if symbol:
            return symbol
        return "\n" if word in ("par", "line") else ""

    text = _RTF_CONTROL.sub(replace, body).replace("{", "").replace("}", "")
    paragraphs = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in paragraphs if line)


FORMAT = FileFormat(
    key="delicious1",
    label="Delicious Library 1 (XML)",
    detect=detect,
    read=read,
    counts=True,
)
