"""Delicious Library 2: an Apple property list, an array with one dict per item.

Read with ``plistlib`` (which refuses entity declarations itself). Dates are plist dates in UTC:
times are kept as aware times, and a date field takes the day the time falls on where cinecat
reads dates. The ``…CompositeString`` keys join their values with newlines, though older
libraries joined them with spaces: names are then cut after each surname (``_names``), the
features found by their known phrases (``feature_words``), and genres, which cannot be told
apart, kept whole. The browse nodes are the genres, ``price`` is Amazon's list price. Number and
flag keys hold 0 when unset. Items that are not films (books, music, games) are left out.
Amazon's ids (``asin``, ``isbn``) are source extras; values cinecat has no place for
(``currentValue``, ``netRating``, box sizes …) are kept as the copy's other details under
Delicious Library's keys: a set flag as "Yes", a number as written without float noise (7.4,
not 7.400000095367432), a date in UTC.
"""

import datetime as dt
import math
import plistlib
import re
from collections.abc import Iterator
from typing import BinaryIO
from xml.parsers.expat import ExpatError

from django.utils import timezone

from cinecat.catalog.records import Record

from . import field_values as fv
from . import parse
from .base import FileFormat, FormatError
from .census import Census
from .feature_words import read_browse_nodes, read_features

_SIGNATURE = re.compile(rb"<plist\b.*?<key>(?:actorsCompositeString|uuidString)</key>", re.S)
_FILMS = {"movie", "tv show", "video"}
_LANGUAGE_NOTE = re.compile(r"\s*\((?P<note>[^)]*)\)$")
_MOST_WORDS_IN_A_NAME = 3
# Read a value at a time, by their own code.
_READ_BY_ITEM = {"actorsCompositeString", "creatorsCompositeString", "featuresCompositeString"}
_READ_BY_ITEM |= {"genresCompositeString"}
# Words that do not end a name: an initial ("L."), and particles before a surname.
_BOUND = re.compile(r"[A-Z]\.")
_PARTICLES = {"de", "del", "der", "van", "von", "da", "di", "du", "le", "la", "st.", "mac"}
_SUFFIX = re.compile(r"(?:Jr|Sr)\.?|II|III|IV")


def detect(head: bytes) -> bool:
    return _SIGNATURE.search(head) is not None


def read(stream: BinaryIO, census: Census | None = None) -> Iterator[Record]:
    try:
        items = plistlib.load(stream)
    except ExpatError as exc:
        raise FormatError(f"the property list is malformed: {exc}", line=exc.lineno) from exc
    except plistlib.InvalidFileException as exc:
        # plistlib refuses entity declarations with this error, among other faults.
        raise FormatError(f"the property list cannot be read: {exc}", line=1) from exc
    if not isinstance(items, list):
        raise FormatError("expected an array of items at the top of the property list", line=1)
    for number, item in enumerate(items, 1):
        if not isinstance(item, dict):
            raise FormatError(f"item #{number} is not a dictionary", where=f"<dict> #{number}")
        if str(item.get("type", "movie")).lower() in _FILMS:
            yield _record(item, number, census)


def _record(item: dict, number: int, census: Census | None = None) -> Record:
    where = f"<dict> #{number}"
    draft = fv.Draft(census=census)
    for key, value in item.items():
        if value not in ("", 0, None, False):  # 0.0 == 0 too: unset numbers and flags
            if key not in _READ_BY_ITEM:
                draft.reading(key)
            try:
                _map(draft, key, value)
            except FormatError as exc:
                raise FormatError(exc.message, where=where) from exc
    return draft.record(source_id=str(item.get("uuidString", "")), where=where)


def _map(draft: fv.Draft, key: str, value: object) -> None:
    work = draft.work
    match key:
        case "uuidString":
            draft.landed("record.source_id")
        case "type":
            draft.derived()  # only films get here
        case "title":
            work["title"] = str(value)
        case "formatSingularString":
            draft.medium(str(value), key)
        case "creatorsCompositeString" | "actorsCompositeString":
            _people(draft, key, str(value))
        case "minutes":
            work["runtime_minutes"] = _whole(key, value)
        case "theatricalDate":
            work["year"] = _utc(value).year
        case "languagesCompositeString":
            _languages(draft, str(value))
        case "featuresCompositeString":
            read_features(draft, key, str(value))
        case "genresCompositeString" if "\n" in str(value):
            read_browse_nodes(draft, key, fv.split(str(value), "\n"))
        case "genresCompositeString":
            draft.reading(key)
            draft.keep(key, str(value))  # joined with spaces: no telling where a genre ends
        case _:
            _edition_or_copy(draft, key, value)


def _edition_or_copy(draft: fv.Draft, key: str, value: object) -> None:
    """A key of the edition or the copy; an other detail or source extra if neither's."""
    edition, copy = draft.edition, draft.copy
    match key:
        case "editionsCompositeString":
            edition["name"] = str(value)
        case "numberOfMedia":
            edition["discs"] = _whole(key, value)
        case "audienceRecommendedAgeSingularString":
            edition["rating"] = str(value).split(" (")[0]  # "NR (Not Rated)"
        case "countryCode":
            # The Amazon store the data came from, hence the board that rated the disc.
            edition["rating_country"] = str(value).upper()
        case "publishDate":
            edition["release_date"] = timezone.localdate(_utc(value))
        case "publishersCompositeString":
            edition["distributor"] = str(value)
        case "ean" | "upc":
            edition["barcode"] = str(value)
        case "purchaseDate":
            copy["purchased_on"] = timezone.localdate(_utc(value))
        case "price":
            draft.price(str(value), key, fv.LIST_PRICE)  # Amazon's list price
        case "rating":
            copy["my_rating"] = fv.scaled_rating(_number(key, value), 5)  # stars out of 5, halves
        case "hasExperienced":
            copy["viewings"] = 1  # a flag: one viewing at least
        case "used":
            copy["condition"] = "Used"
        case "creationDate":
            copy["added_at"] = _utc(value)
        case "lastModificationDate":
            copy["modified_at"] = _utc(value)
        case "asin" | "isbn":
            draft.extra(key, str(value))  # Amazon's ids of the product
        case _:
            # netRating (Amazon's), currentValue, box sizes and weight, isSigned, rare,
            # privateCollection …
            _keep(draft, key, value)


def _keep(draft: fv.Draft, key: str, value: object) -> None:
    """An other detail; a value with no text form (plist data, a dictionary) is named only."""
    text = _text(value)
    if text is None:
        draft.unmapped.append(key)
    else:
        draft.keep(key, text)


def _text(value: object) -> str | None:
    """A plist value as text: Yes for a set flag, a float to six decimals at most (the plist
    holds 7.400000095367432 for 7.4), a date in UTC, an array's items joined with commas."""
    match value:
        case bool():
            return "Yes" if value else "No"
        case float():
            return f"{value:.6f}".rstrip("0").rstrip(".")
        case int() | str():
            return str(value)
        case dt.datetime():
            return fv.utc_text(value)
        case list():
            items = [_text(item) for item in value]
            return None if None in items else ", ".join(items)
    return None


def _people(draft: fv.Draft, key: str, value: str) -> None:
    names = fv.split(value, "\n")
    if len(names) == 1 and len(value.split()) > _MOST_WORDS_IN_A_NAME:
        names = _names(value)  # joined with spaces: "Nicolas Cage Joaquin Phoenix"
    draft.reading(key, len(names))
    if key == "creatorsCompositeString":
        draft.crew(names, "Director")
    else:
        for name in names:
            draft.cast(name)


def _names(text: str) -> tuple[str, ...]:
    """Names joined with spaces, cut after each surname: a name is a first name, the initials
    and particles after it ("Samuel L.", "Robert De"), a surname and a suffix ("Jr.")."""
    names, current = [], []
    for word in text.split():
        current.append(word)
        if len(current) > 1 and not _BOUND.fullmatch(word) and word.casefold() not in _PARTICLES:
            names.append(current)
            current = []
        elif current and len(current) == 1 and names and _SUFFIX.fullmatch(word):
            names[-1].append(current.pop())
    if current:
        names.append(current)
    return tuple(" ".join(name) for name in names)


def _languages(draft: fv.Draft, value: str) -> None:
    """ "English (Original Language)\\nFrench (Subtitled)": spoken languages and subtitles."""
    spoken, subtitles = [], []
    for line in fv.split(value, "\n"):
        note = _LANGUAGE_NOTE.search(line)
        language = _LANGUAGE_NOTE.sub("", line)
        (subtitles if note and note["note"] == "Subtitled" else spoken).append(language)
    draft.work["languages"] = tuple(dict.fromkeys(spoken))
    if subtitles:
        draft.edition["subtitles"] = tuple(dict.fromkeys(subtitles))


def _whole(key: str, value: object) -> int | None:
    """A plist <integer>, a <real> cut to its whole part, or a <string> of digits."""
    if isinstance(value, str):
        return parse.whole_number(value.strip(), field=key)
    if isinstance(value, int) or (isinstance(value, float) and math.isfinite(value)):
        return int(value)
    return parse.refused(repr(value), "a whole number", field=key)


def _number(key: str, value: object) -> float | None:
    """A plist <integer> or <real>, or a <string> of a decimal number."""
    if isinstance(value, str):
        number = parse.decimal(value.strip(), field=key)
        return None if number is None else float(number)
    if isinstance(value, int) or (isinstance(value, float) and math.isfinite(value)):
        return float(value)
    return parse.refused(repr(value), "a number", field=key)


def _utc(value: object) -> dt.datetime:
    if not isinstance(value, dt.datetime):
        raise FormatError(f"expected a plist <date>, found {value!r}")
    return value.replace(tzinfo=dt.UTC)  # plistlib hands back UTC without saying so


FORMAT = FileFormat(
    key="delicious2",
    label="Delicious Library 2 (plist)",
    detect=detect,
    read=read,
    counts=True,
)
