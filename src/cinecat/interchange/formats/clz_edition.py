"""A CLZ ``<movie>``'s edition: format, distributor, release, rating, ratios, features, audio.

A screen ratio ("Widescreen (1.78:1, 16:9, Anamorphic)") is a screen format, and its "N:1"
ratios the aspect ratio; the features and the extra features are the edition's, and among
CLZ's extras (a booklet, a poster) a slipcover is the slip cover. A DVD release date CLZ gives as
a year only is the 1st of January of that year, and the copy says so in a flag.
"""

import datetime as dt
import re

from cinecat.catalog.records import EditionRecord

from .census import DERIVED, OTHER
from .clz_movie import MovieElement, is_value

_MEDIA_NAMES = {
    "dvd": "DVD",
    "blu-ray": "Blu-ray",
    "bluray": "Blu-ray",
    "blu-ray 3d": "Blu-ray 3D",
    "4k uhd": "4K UHD",
    "4k ultra hd": "4K UHD",
    "ultra hd blu-ray": "4K UHD",
    "hd dvd": "HD DVD",
    "hd-dvd": "HD DVD",
    "vhs": "VHS",
    "laserdisc": "LaserDisc",
    "video cd": "Video CD",
    "vcd": "Video CD",
    "digital": "Digital",
}
_US_RATINGS = {"G", "PG", "PG-13", "R", "NC-17", "NR", "X", "Unrated"}
_SORT_PREFIX = re.compile(r"^[0-9]{3} ")  # "010 Dolby Digital Mono [Spanish]" sorts by its prefix
_RATIO = re.compile(r"\b\d+(?:\.\d+)?:1\b")
_SLIP_COVERS = {"slipcover", "slip cover", "slipcase", "slip case", "o-ring"}


def edition_of(movie: MovieElement) -> tuple[EditionRecord, tuple[tuple[str, str], ...]]:
    """The edition, and the flags the copy gets for what it keeps as it is not."""
    rating = movie.name("mpaarating", "edition.rating").split(" (")[0]
    ratios = movie.names("ratios/ratio", "edition.screen_formats")
    released, flags = _released(movie)
    features, slip_cover = _features(movie)
    return EditionRecord(
        format=_format(movie),
        name=movie.name("edition", "edition.name"),
        distributor=movie.name("distributor", "edition.distributor"),
        release_date=released,
        barcode=movie.text("upc", "edition.barcode"),
        rating_country="US" if rating in _US_RATINGS else "",
        rating=rating,
        regions=tuple(
            name.removeprefix("Region").strip()
            for name in movie.names("regions/region", "edition.regions")
        ),
        discs=movie.whole_number(movie.text("nritems", "edition.discs"), "nritems")
        or len(movie.element.findall("discs/disc"))
        or None,
        packaging=movie.name("package", "edition.packaging"),
        aspect_ratio=", ".join(dict.fromkeys(r for text in ratios for r in _RATIO.findall(text))),
        screen_formats=ratios,
        audio=tuple(
            _SORT_PREFIX.sub("", name) for name in movie.names("audios/audio", "edition.audio")
        ),
        subtitles=movie.names("subtitles/subtitle", "edition.subtitles"),
        features=features,
        other_features=movie.text("extrafeatures", "edition.other_features"),
        slip_cover=slip_cover,
    ), flags


def _format(movie: MovieElement) -> str:
    name = movie.name("format")
    if not name:
        return "DVD"
    known = _MEDIA_NAMES.get(name.casefold())
    movie.note("format/displayname", "edition.format" if known else OTHER)
    for form in ("sortname", "templateimage", "scaledimage"):
        movie.derived(f"format/{form}")
    if known is None:
        movie.kept.keep("format", "format", name)
    return known or "Other"


def _features(movie: MovieElement) -> tuple[tuple[str, ...], bool]:
    """The features, then CLZ's extras (a booklet …); a slipcover among them is said by the
    edition's slip cover."""
    features = list(movie.names("features/feature", "edition.features"))
    slip_cover = False
    movie.used.add("extras")
    for node in movie.element.iterfind("extras/extra"):
        name = (node.findtext("displayname") or "").strip()
        covers = name.casefold() in _SLIP_COVERS
        slip_cover = slip_cover or covers
        if name and not covers:
            features.append(name)
        movie.note(
            "extras/extra/displayname",
            "edition.slip_cover" if covers else "edition.features",
            is_value(name),
        )
        movie.note("extras/extra/sortname", DERIVED, is_value(node.findtext("sortname")))
    return tuple(dict.fromkeys(features)), slip_cover


def _released(movie: MovieElement) -> tuple[dt.date | None, tuple[tuple[str, str], ...]]:
    """The DVD's release date; a year alone is the 1st of January of it, flagged."""
    text = movie.text("dvdreleasedate/date")
    movie.derived("dvdreleasedate/year")
    if not text:
        return None, ()
    movie.note("dvdreleasedate/date", "edition.release_date")
    year = movie.whole_number(text, "dvdreleasedate") if text.isdigit() else None
    if year is None:
        return movie.date(text, "dvdreleasedate"), ()
    if not 1 <= year <= 9999:
        raise movie.fail(f"dvdreleasedate {text!r} is not a year", "dvdreleasedate")
    why = f"CLZ gives the year {year} only; kept as the 1st of January of it."
    return dt.date(year, 1, 1), (("Release date", why),)
