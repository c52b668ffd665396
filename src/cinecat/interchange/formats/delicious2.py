"""Delicious Library 2: an Apple property list, an array with one dict per item.

Read with ``plistlib`` (which refuses entity declarations itself). Dates are plist dates in UTC;
the ``…CompositeString`` keys join their values with newlines, though older libraries joined them
with spaces, which cannot be split back into names safely. Number and flag keys hold 0 when
unset. Items that are not films (books, music, games) are left out. Values cinecat has no place
for (``asin``, ``currentValue``, ``netRating``, box sizes, the features, names joined with spaces
…) are kept as the copy's other details under Delicious Library's keys: a set flag as "Yes", a
number as written without float noise (7.4, not 7.400000095367432), a date in UTC.
"""

import datetime as dt
import math
import plistlib
import re
from collections.abc import Iterator
from typing import BinaryIO
from xml.parsers.expat import ExpatError

from cinecat.catalog.records import Record

from . import field_values as fv
from . import parse
from .base import FileFormat, FormatError

_SIGNATURE = re.compile(rb"<plist\b.*?<key>(?:actorsCompositeString|uuidString)</key>", re.S)
_FILMS = {"movie", "tv show", "video"}
_LANGUAGE_NOTE = re.compile(r"\s*\((?P<note>[^)]*)\)$")
_MOST_WORDS_IN_A_NAME = 3


def detect(head: bytes) -> bool:
    return _SIGNATURE.search(head) is not None


def read(stream: BinaryIO) -> Iterator[Record]:
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
            yield _record(item, number)


def _record(item: dict, number: int) -> Record:
    where = f"<dict> #{number}"
    draft = fv.Draft()
    for key, value in item.items():
        if value not in ("", 0, None, False):  # 0.0 == 0 too: unset numbers and flags
            try:
                _map(draft, key, value)
            except FormatError as exc:
                raise FormatError(exc.message, where=where) from exc
    return draft.record(source_id=str(item.get("uuidString", "")), where=where)


def _map(draft: fv.Draft, key: str, value: object) -> None:
    work, edition, copy = draft.work, draft.edition, draft.copy
    match key:
        case "uuidString" | "type":
            pass  # the record's source id; only films get here
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
            found = fv.features(str(value))
            work["colour"] = found.pop("colour", "")
            edition.update(found)
            draft.keep(key, ", ".join(fv.split(str(value), "\n")))  # Closed-captioned, NTSC …
        case "genresCompositeString" if "\n" in str(value):
            copy["tags"] = fv.split(str(value), "\n")  # Amazon's browse nodes, not genres
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
            edition["release_date"] = _utc(value).date()
        case "publishersCompositeString":
            edition["distributor"] = str(value)
        case "ean" | "upc":
            edition["barcode"] = str(value)
        case "purchaseDate":
            copy["purchased_on"] = _utc(value).date()
        case "price":
            draft.price(str(value), key)  # Amazon's list price, as Delicious keeps no other
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
        case _:
            # asin, isbn, netRating (Amazon's), currentValue, box sizes and weight,
            # genresCompositeString (Amazon's browse nodes), isSigned, rare, privateCollection …
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
        # Joined with spaces: "Nicolas Cage Joaquin Phoenix" has no safe place to cut.
        draft.keep(key, value)
    elif key == "creatorsCompositeString":
        draft.crew(names, "Director")
    else:
        for name in names:
            draft.cast(name)


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


def _whole(key: str, value: object) -> int:
    """A plist <integer>, a <real> cut to its whole part, or a <string> of digits."""
    if isinstance(value, str):
        return parse.whole_number(value.strip(), field=key)
    if isinstance(value, int) or (isinstance(value, float) and math.isfinite(value)):
        return int(value)
    raise FormatError(f"{key} {value!r} is not a whole number")


def _number(key: str, value: object) -> float:
    """A plist <integer> or <real>, or a <string> of a decimal number."""
    if isinstance(value, str):
        return float(parse.decimal(value.strip(), field=key))
    if isinstance(value, int) or (isinstance(value, float) and math.isfinite(value)):
        return float(value)
    raise FormatError(f"{key} {value!r} is not a number")


def _utc(value: object) -> dt.datetime:
    if not isinstance(value, dt.datetime):
        raise FormatError(f"expected a plist <date>, found {value!r}")
    return value.replace(tzinfo=dt.UTC)  # plistlib hands back UTC without saying so


FORMAT = FileFormat(
    key="delicious2",
    label="Delicious Library 2 (plist)",
    detect=detect,
    read=read,
)
