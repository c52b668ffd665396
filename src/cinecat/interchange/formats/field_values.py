"""The values other cataloguers write, turned into the plain values of the record contract.

Shared by the Tellico, GCstar, Griffith, Delicious Library and Data Crow readers: media names,
IMDb and TMDb ids, ratings on other scales, and a ``Draft`` that collects an entry's fields
before it becomes a frozen ``Record``. Numbers, dates, running times and prices are read by
``parse``.
"""

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from cinecat.catalog.records import (
    CopyRecord,
    CreditRecord,
    EditionRecord,
    PlotRecord,
    Record,
    WorkRecord,
)

from . import parse
from .base import FormatError
from .census import DERIVED, DROPPED, EXTRAS, OTHER, Census

# Keys are lower case with spaces, dashes and dots removed: "Blu-ray Disc" -> "bluraydisc".
_MEDIA_NAMES = {
    "dvd": "DVD",
    "dvdvideo": "DVD",
    "dvdr": "DVD",
    "bluray": "Blu-ray",
    "blueray": "Blu-ray",
    "bluraydisc": "Blu-ray",
    "bd": "Blu-ray",
    "bluray3d": "Blu-ray 3D",
    "4k": "4K UHD",
    "uhd": "4K UHD",
    "4kuhd": "4K UHD",
    "4kultrahd": "4K UHD",
    "ultrahdbluray": "4K UHD",
    "4kbluray": "4K UHD",
    "hddvd": "HD DVD",
    "vhs": "VHS",
    "laserdisc": "LaserDisc",
    "laserdisk": "LaserDisc",
    "ld": "LaserDisc",
    "vcd": "Video CD",
    "videocd": "Video CD",
    "svcd": "Video CD",
    "digital": "Digital",
    "digitalcopy": "Digital",
    "divx": "Digital",
    "xvid": "Digital",
    "file": "Digital",
    "harddrive": "Digital",
    "onharddrive": "Digital",
    "mkv": "Digital",
    "avi": "Digital",
    "mp4": "Digital",
    "streaming": "Digital",
    "other": "Other",
}
_IMDB = re.compile(r"\btt[0-9]{7,}\b")
_TMDB = re.compile(r"themoviedb\.org/movie/([0-9]+)")
_ASPECT = re.compile(r"\b\d(?:\.\d+)?:1\b|\b16:9\b|\b4:3\b")
_REGION = re.compile(r"\bRegion ([1-8A-C])\b")
_PAID = ("purchase_price", "purchase_currency")
LIST_PRICE = ("list_price", "list_price_currency")


def media_format(value: str) -> str | None:
    """cinecat's name for a medium ("DVD", "Blu-ray" …), or None if it is not one we know."""
    return _MEDIA_NAMES.get(re.sub(r"[\s.\-_]", "", value).lower())


def imdb_id(value: str) -> str:
    match = _IMDB.search(value)
    return match[0] if match else ""


def tmdb_id(value: str) -> int | None:
    match = _TMDB.search(value)
    return int(match[1]) if match else None


def scaled_rating(value: float | Decimal, maximum: float | Decimal) -> int | None:
    """A rating out of ``maximum`` in cinecat's half stars, 1–10 (rounded half up: 3.5 of 5
    -> 7; half a star, the lowest there is, for less). 0 is none: how sources say "not rated".

    ``maximum`` is above 0: the reader checks what its file gives. A rating past the maximum
    (an overflowing float, infinite) is the maximum."""
    value = max(0, min(value, maximum))
    if not value:
        return None
    scaled = Decimal(str(value)) * 10 / Decimal(str(maximum))
    return max(1, min(10, int(scaled.quantize(Decimal(1), rounding="ROUND_HALF_UP"))))


def half_stars(rating: int | None, text: str, where: str = "", field: str = "") -> int | None:
    """A rating a source gives out of 10 as cinecat's half stars (1–10): 0, how most sources
    say "not rated", is none; one past 10 is kept as an odd value (``parse.refused``)."""
    if not rating:
        return None
    if rating > 10:
        return parse.refused(text, "a rating from 1 to 10", where, field)
    return rating


def split(value: str, *separators: str) -> tuple[str, ...]:
    """Non-empty, stripped parts of ``value`` cut at any of ``separators``."""
    pattern = "|".join(re.escape(separator) for separator in separators)
    return tuple(part.strip() for part in re.split(pattern, value) if part.strip())


def features(value: str) -> dict:
    """Aspect ratio, colour and regions found in a free-text list of disc features."""
    found: dict = {}
    if aspect := _ASPECT.search(value):
        found["aspect_ratio"] = aspect[0]
    if "Black & White" in value or "Black and White" in value:
        found["colour"] = "Black & White"
    elif re.search(r"\bColou?r\b", value):
        found["colour"] = "Color"
    if regions := _REGION.findall(value):
        found["regions"] = tuple(dict.fromkeys(regions))
    return found


def utc_text(moment: dt.datetime) -> str:
    """A UTC time kept as an other detail: "2009-05-17 14:03:09 UTC"."""
    return f"{moment:%Y-%m-%d %H:%M:%S} UTC"


class Details:
    """Source fields with no field of their own, kept with their values in the order met.

    A field met more than once (one value per actor, per disc …) keeps each distinct value, one
    per line. ``pairs()`` is what ``CopyRecord.other_details`` holds.
    """

    def __init__(self) -> None:
        self._values: dict[str, list[str]] = {}

    def keep(self, name: str, value: object) -> None:
        text = str(value).strip() if value is not None else ""
        if not text:
            return
        values = self._values.setdefault(name, [])
        if text not in values:
            values.append(text)

    def pairs(self) -> tuple[tuple[str, str], ...]:
        return tuple((name, "\n".join(values)) for name, values in self._values.items())


class DetailsByElement:
    """Other details met in any order while an entry element is read (its title, then its
    discs, then its cast …), given back in the order of the entry's children, each under the
    child it came from; what was kept under a tag the entry lacks comes last."""

    def __init__(self) -> None:
        self._by_tag: dict[str, list[tuple[str, str]]] = {}

    def keep(self, tag: str, name: str, value: str) -> None:
        if value:
            self._by_tag.setdefault(tag, []).append((name, value))

    def in_order_of(self, entry: Iterable) -> Details:
        details = Details()
        if not self._by_tag:
            return details
        remaining = dict(self._by_tag)
        for child in entry:
            for name, value in remaining.pop(child.tag, ()):
                details.keep(name, value)
        for name, value in (pair for pairs in remaining.values() for pair in pairs):
            details.keep(name, value)
        return details


class _Noting(dict):
    """A draft's work, edition or copy that notes, for a census, each field given a value."""

    def __init__(self, draft: "Draft", part: str) -> None:
        super().__init__()
        self.draft, self.part = draft, part

    def __setitem__(self, key: str, value: object) -> None:
        super().__setitem__(key, value)
        if value is not None and value != "" and value != ():
            self.draft.landed(f"{self.part}.{key}")

    def setdefault(self, key: str, default: object = None) -> object:
        if key not in self:
            self[key] = default
        return self[key]

    def update(self, *args, **kwargs) -> None:
        for key, value in dict(*args, **kwargs).items():
            self[key] = value


@dataclass
class Draft:
    """An entry's fields as a reader finds them; ``record()`` freezes them into a Record.

    With a ``census``, the reader says which source field it reads (``reading``) and the
    draft notes where its value lands: the fields it sets (several joined by " + "), the
    other details, the source extras, or nowhere (dropped)."""

    work: dict = field(default_factory=dict)
    edition: dict = field(default_factory=dict)
    copy: dict = field(default_factory=dict)
    credits: list[CreditRecord] = field(default_factory=list)
    plots: list[PlotRecord] = field(default_factory=list)
    details: Details = field(default_factory=Details)
    extras: Details = field(default_factory=Details)
    unmapped: list[str] = field(default_factory=list)  # only fields whose values cannot be kept
    census: Census | None = None
    _reading: str = ""
    _count: int = 1
    _landed: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        if self.census is not None:
            self.work, self.edition, self.copy = (
                _Noting(self, part) for part in ("work", "edition", "copy")
            )

    def reading(self, name: str, count: int = 1) -> None:
        """The source field whose value comes next (for a census; a no-op without one)."""
        if self.census is None:
            return
        self.finish()
        self._reading, self._count = name, count
        self.census.see(name, count)

    def landed(self, where: str) -> None:
        """The value being read landed in ``where`` (too)."""
        if self._reading:
            self._landed.add(where)

    def finish(self) -> None:
        """Note where the field being read landed; what follows is no field's."""
        if self.census is not None and self._reading:
            where = " + ".join(sorted(self._landed)) or DROPPED
            self.census.note(self._reading, where, self._count)
        self._reading, self._landed = "", set()

    def keep(self, name: str, value: object) -> None:
        """A field with no place of its own: kept, with its value, as an other detail."""
        self.details.keep(name, value)
        self.landed(OTHER)

    def extra(self, name: str, value: object) -> None:
        """A source's id, flag or timestamp that means nothing to a person: a source extra."""
        self.extras.keep(name, value)
        self.landed(EXTRAS)

    def derived(self) -> None:
        """The value says again what a field holds (an entry's id twice over)."""
        self.landed(DERIVED)

    def cast(self, name: str, character: str = "") -> None:
        if name:
            self.credits.append(CreditRecord(name=name, character=character))
            self.landed("credit.name")
            if character:
                self.landed("credit.character")

    def crew(self, names: tuple[str, ...], job: str) -> None:
        self.credits.extend(CreditRecord(name=n, job=job, role="crew") for n in names if n)
        if any(names):
            self.landed("credit.name")

    def plot(self, value: str) -> None:
        if value:
            self.plots.append(PlotRecord(text=value))
            self.landed("plot.text")

    def medium(self, value: str, source_field: str) -> None:
        """The edition's format; a medium cinecat does not know becomes "Other" and is listed."""
        known = media_format(value)
        self.edition["format"] = known or "Other"
        if known is None:
            self.keep(source_field, value)

    def price(self, value: str, source_field: str, fields: tuple[str, str] = _PAID) -> None:
        """A price and its currency (the price paid unless ``fields`` say otherwise); a price
        cinecat cannot read is kept as it is."""
        found = parse.price_or_none(value)
        if found is None:
            self.keep(source_field, value)
        else:
            part = self.edition if fields[0].startswith("list") else self.copy
            part[fields[0]], part[fields[1]] = found

    def web_page(self, value: str, source_field: str) -> None:
        """An IMDb or TMDb address gives the work's id; any other page has no place yet."""
        if found := imdb_id(value):
            self.work["imdb_id"] = found
        elif (found_tmdb := tmdb_id(value)) is not None:
            self.work["tmdb_id"] = found_tmdb
        else:
            self.keep(source_field, value)

    def record(self, *, source_id: str, where: str) -> Record:
        self.finish()
        title = self.work.get("title") or self.work.get("original_title")
        if not title:
            raise FormatError("the entry has no title", where=where)
        work = WorkRecord(
            **{**self.work, "title": title},
            credits=tuple(self.credits),
            plots=tuple(self.plots),
        )
        return Record(
            works=(work,),
            edition=EditionRecord(**self.edition),
            copy=CopyRecord(
                **self.copy,
                other_details=self.details.pairs(),
                source_extras=self.extras.pairs(),
            ),
            source_id=source_id,
            where=where,
            unmapped=tuple(sorted(set(self.unmapped))),
        )


def local_midnight(day: dt.date) -> dt.datetime:
    """A source's date-only time (an "added" day) as the start of that day where cinecat
    reads dates (``CINECAT_TIME_ZONE``): aware."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time()))
