"""IMDb's dataset files: which lines of each are kept, and the row each kept line becomes.

The files are IMDb's non-commercial datasets (``title.basics.tsv.gz`` …): UTF-8, tab-separated,
a header line, no quoting, ``\\N`` for a missing value. Only titles a shelf may hold are kept
(``KINDS``: films, TV films, series, mini-series, specials, videos and shorts; not episodes,
video games, TV shorts or pilots), and only what refers to them: their other titles, ratings,
crew and principals, the people those name, and per season the number of episodes of a kept
series. Which ids were kept is remembered in bitmaps (``IdSet``), a few megabytes however many
lines a file has.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from cinecat.core.folding import fold

from .models import ImdbAka, ImdbCrew, ImdbName, ImdbPrincipal, ImdbRating, ImdbSeason, ImdbTitle

KINDS = frozenset({"movie", "tvMovie", "tvSeries", "tvMiniSeries", "tvSpecial", "video", "short"})
CAST = frozenset({"actor", "actress", "self"})
NULL = "\\N"
_NOT_WORDS = re.compile(r"[\W_]+")


class Malformed(ValueError):
    """A line that is not what its file's format says; the message says what is wrong."""


def title_key(text: str) -> str:
    """A title as searched: folded case and accents, punctuation as spaces ('Léon: The
    Professional' is 'leon the professional')."""
    return _NOT_WORDS.sub(" ", fold(text)).strip()


class IdSet:
    """Ids as bits: 12.5 MB for every IMDb id below 100 million, however many are in it."""

    def __init__(self, ids=()) -> None:
        self.bits = bytearray()
        for value in ids:
            self.add(value)

    def add(self, value: int) -> None:
        byte = value >> 3
        if byte >= len(self.bits):
            self.bits.extend(bytes(byte - len(self.bits) + (1 << 16)))
        self.bits[byte] |= 1 << (value & 7)

    def __contains__(self, value: int) -> bool:
        byte = value >> 3
        return byte < len(self.bits) and bool(self.bits[byte] >> (value & 7) & 1)


@dataclass
class Known:
    """What the files read so far kept: the titles, and the people their credits name."""

    titles: IdSet | None = None
    people: IdSet | None = None
    aka_keys: tuple[int, set] = (0, set())  # the current title's aka keys, to drop repeats


def imdb_id(value: str, prefix: str) -> int:
    if value[:2] != prefix or not value[2:].isdigit():
        raise Malformed(f"{value!r} is not an IMDb {'title' if prefix == 'tt' else 'name'} id")
    return int(value[2:])


def number(value: str, column: str) -> int | None:
    if value == NULL:
        return None
    if not value.isdigit():
        raise Malformed(f"{column} {value!r} is not a number")
    return int(value)


def text(value: str) -> str:
    return "" if value == NULL else value


def _basics(f: list[str], known: Known) -> tuple | None:
    if f[1] not in KINDS:
        return None
    title_id, title, original = imdb_id(f[0], "tt"), text(f[2]), text(f[3])
    if f[4] not in ("0", "1"):
        raise Malformed(f"isAdult {f[4]!r} is neither 0 nor 1")
    row = (title_id, f[1], title, "" if original == title else original, title_key(title))
    years = number(f[5], "startYear"), number(f[6], "endYear")
    row += (f[4] == "1", *years, number(f[7], "runtimeMinutes"), text(f[8]))
    known.titles.add(title_id)
    return row


def _akas(f: list[str], known: Known) -> tuple | None:
    title_id = imdb_id(f[0], "tt")
    if title_id not in known.titles:
        return None
    name, ordering = text(f[2]), number(f[1], "ordering")
    key = title_key(name)
    if known.aka_keys[0] != title_id:
        known.aka_keys = (title_id, set())
    if not key or key in known.aka_keys[1] or ordering is None:
        return None
    known.aka_keys[1].add(key)
    return (title_id, ordering, name, key, text(f[3])[:8], text(f[4])[:8])


def _ratings(f: list[str], known: Known) -> tuple | None:
    title_id = imdb_id(f[0], "tt")
    if title_id not in known.titles:
        return None
    try:
        average = float(f[1])
    except ValueError:
        raise Malformed(f"averageRating {f[1]!r} is not a number") from None
    return (title_id, average, number(f[2], "numVotes") or 0)


def _episode(f: list[str], known: Known) -> tuple | None:
    imdb_id(f[0], "tt")
    series = imdb_id(f[1], "tt")
    if series not in known.titles:
        return None
    return (series, number(f[2], "seasonNumber") or 0)


def _people(value: str, known: Known) -> str:
    if value == NULL:
        return ""
    ids = [imdb_id(item, "nm") for item in value.split(",")]
    for person in ids:
        known.people.add(person)
    return ",".join(map(str, ids))


def _crew(f: list[str], known: Known) -> tuple | None:
    title_id = imdb_id(f[0], "tt")
    if title_id not in known.titles:
        return None
    return (title_id, _people(f[1], known), _people(f[2], known))


def _principals(f: list[str], known: Known) -> tuple | None:
    title_id = imdb_id(f[0], "tt")
    if title_id not in known.titles:
        return None
    person = imdb_id(f[2], "nm")
    ordering = number(f[1], "ordering")
    if ordering is None:
        raise Malformed("ordering is missing")
    known.people.add(person)
    return (title_id, ordering, person, f[3][:40], text(f[4]), characters(f[5]))


def characters(value: str) -> str:
    """'["Tyler Durden","Narrator"]', a JSON list as the file has it: 'Tyler Durden / Narrator'."""
    if value == NULL:
        return ""
    if not (value.startswith('["') and value.endswith('"]')):
        raise Malformed(f"characters {value[:40]!r} is not a list of names")
    return " / ".join(value[2:-2].replace('\\"', '"').split('","'))


def _names(f: list[str], known: Known) -> tuple | None:
    person = imdb_id(f[0], "nm")
    if person not in known.people:
        return None
    return (person, text(f[1]), number(f[2], "birthYear"), number(f[3], "deathYear"))


@dataclass(frozen=True)
class DatasetFile:
    """One file of the datasets: its header, the table it fills and how a line is read."""

    name: str
    header: tuple[str, ...]
    model: type
    fields: tuple[str, ...]
    parse: Callable[[list[str], Known], tuple | None]
    counted: bool = False  # rows are (key…) counted into the model's last field, not inserted
    uses: tuple[str, ...] = field(default=("titles",))  # the bitmaps a line is checked against


FILES = (
    DatasetFile(
        "title.basics",
        ("tconst", "titleType", "primaryTitle", "originalTitle", "isAdult", "startYear")
        + ("endYear", "runtimeMinutes", "genres"),
        ImdbTitle,
        ("id", "kind", "title", "original_title", "key", "is_adult", "start_year", "end_year")
        + ("runtime_minutes", "genres"),
        _basics,
        uses=(),
    ),
    DatasetFile(
        "title.akas",
        ("titleId", "ordering", "title", "region", "language", "types", "attributes")
        + ("isOriginalTitle",),
        ImdbAka,
        ("title_id", "ordering", "name", "key", "region", "language"),
        _akas,
    ),
    DatasetFile(
        "title.ratings",
        ("tconst", "averageRating", "numVotes"),
        ImdbRating,
        ("title_id", "average", "votes"),
        _ratings,
    ),
    DatasetFile(
        "title.episode",
        ("tconst", "parentTconst", "seasonNumber", "episodeNumber"),
        ImdbSeason,
        ("series_id", "season", "episodes"),
        _episode,
        counted=True,
    ),
    DatasetFile(
        "title.crew",
        ("tconst", "directors", "writers"),
        ImdbCrew,
        ("title_id", "directors", "writers"),
        _crew,
        uses=("titles", "people"),
    ),
    DatasetFile(
        "title.principals",
        ("tconst", "ordering", "nconst", "category", "job", "characters"),
        ImdbPrincipal,
        ("title_id", "ordering", "person_id", "category", "job", "characters"),
        _principals,
        uses=("titles", "people"),
    ),
    DatasetFile(
        "name.basics",
        ("nconst", "primaryName", "birthYear", "deathYear", "primaryProfession")
        + ("knownForTitles",),
        ImdbName,
        ("id", "name", "birth_year", "death_year"),
        _names,
        uses=("people",),
    ),
)
