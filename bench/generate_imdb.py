"""IMDb's seven dataset files, generated in their real format and of their real shape.

    python bench/generate_imdb.py DIR [--scale 0.01]

Row counts are the real files' (``REAL_LINES``) times ``scale``; the mix of title kinds and,
per kind, the other titles and principals per title are the real datasets', so that a load
keeps and drops what it would of the real files. Ids are sorted, values are ``\\N`` when null.
Random but reproducible (one seed).
"""

import argparse
import contextlib
import gzip
import random
from pathlib import Path

# Lines of the real files (datasets of 2025, rounded).
REAL_LINES = {
    "title.basics": 11_600_000,
    "title.akas": 53_000_000,
    "title.ratings": 1_550_000,
    "title.episode": 8_900_000,
    "title.crew": 11_600_000,
    "title.principals": 92_000_000,
    "name.basics": 14_300_000,
}
# The real mix of title kinds (share of title.basics) and, per kind, other titles and
# principals per title, so that the scaled files have the real files' lines per title.
KINDS = {  # kind: (share, akas, principals)
    "tvEpisode": (0.770, 3.3, 8.5),
    "short": (0.088, 3.0, 5.0),
    "movie": (0.060, 20.0, 14.0),
    "video": (0.025, 4.0, 6.0),
    "tvSeries": (0.024, 10.0, 10.0),
    "tvMovie": (0.013, 8.0, 10.0),
    "tvMiniSeries": (0.005, 8.0, 10.0),
    "tvSpecial": (0.005, 4.0, 8.0),
    "videoGame": (0.004, 2.0, 6.0),
    "tvShort": (0.006, 2.0, 4.0),
}
GENRES = ["Drama", "Comedy", "Documentary", "Action", "Romance", "Thriller", "Crime", "Horror"]
WORDS = ["the", "of", "night", "love", "man", "last", "city", "blood", "house", "story", "dark",
         "king", "war", "life", "day", "girl"]  # fmt: skip
REGIONS = ["US", "GB", "DE", "FR", "IT", "ES", "JP", "BR", "RU", "IN", "\\N"]
CATEGORIES = ["actor", "actress", "self", "director", "writer", "producer", "composer",
              "cinematographer", "editor", "archive_footage"]  # fmt: skip


def generate(directory: Path, scale: float, seed: int = 2025) -> None:
    """Write the seven files of a dataset ``scale`` times the real one's size."""
    directory.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    titles = round(REAL_LINES["title.basics"] * scale)
    names = round(REAL_LINES["name.basics"] * scale)
    kinds = rng.choices(list(KINDS), [share for share, _, _ in KINDS.values()], k=titles)
    ids = sorted(rng.sample(range(1, titles * 3), titles))
    series = [tid for tid, kind in zip(ids, kinds, strict=True) if kind == "tvSeries"] or [1]
    with _Writer(directory) as files:
        for tid, kind in zip(ids, kinds, strict=True):
            title = _title(rng)
            files.basics(tid, kind, title, rng)
            files.akas(tid, title, KINDS[kind][1], rng)
            files.principals(tid, KINDS[kind][2], names, rng)
            files.crew(tid, names, rng)
            if kind == "tvEpisode":
                files.episode(tid, rng.choice(series), rng)
            if rng.random() < (0.5 if kind == "movie" else 0.11):
                files.rating(tid, rng)
        for person in range(1, names + 1):
            files.name(person, rng)


def _title(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 4))).title()


class _Writer:
    """The seven gzip files, written line by line (as IMDb's: sorted by id, \\N for null)."""

    HEADERS = {
        "title.basics": "tconst titleType primaryTitle originalTitle isAdult startYear "
        "endYear runtimeMinutes genres",
        "title.akas": "titleId ordering title region language types attributes isOriginalTitle",
        "title.ratings": "tconst averageRating numVotes",
        "title.episode": "tconst parentTconst seasonNumber episodeNumber",
        "title.crew": "tconst directors writers",
        "title.principals": "tconst ordering nconst category job characters",
        "name.basics": "nconst primaryName birthYear deathYear primaryProfession knownForTitles",
    }

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def __enter__(self):
        self.stack = contextlib.ExitStack()
        self.files = {
            name: self.stack.enter_context(
                gzip.open(self.directory / f"{name}.tsv.gz", "wt", encoding="utf-8")  # noqa: SIM115 (the stack closes it)
            )
            for name in self.HEADERS
        }
        for name, header in self.HEADERS.items():
            self.files[name].write(header.replace(" ", "\t") + "\n")
        return self

    def __exit__(self, *exc) -> None:
        self.stack.close()

    def _line(self, name: str, *values) -> None:
        self.files[name].write("\t".join(map(str, values)) + "\n")

    def basics(self, tid: int, kind: str, title: str, rng: random.Random) -> None:
        year = rng.randint(1900, 2025)
        runtime = rng.randint(5, 180) if rng.random() < 0.7 else "\\N"
        genres = ",".join(rng.sample(GENRES, rng.randint(1, 3)))
        self._line("title.basics", f"tt{tid:07d}", kind, title, title, 0, year, "\\N", runtime,
                   genres)  # fmt: skip

    def akas(self, tid: int, title: str, mean: float, rng: random.Random) -> None:
        for ordering in range(1, max(1, round(rng.expovariate(1 / mean))) + 1):
            name = title if rng.random() < 0.4 else _title(rng)
            self._line("title.akas", f"tt{tid:07d}", ordering, name, rng.choice(REGIONS),
                       "\\N", "imdbDisplay", "\\N", 0)  # fmt: skip

    def principals(self, tid: int, mean: float, names: int, rng: random.Random) -> None:
        for ordering in range(1, min(60, max(1, round(rng.gauss(mean, mean / 3)))) + 1):
            category = rng.choice(CATEGORIES)
            job = "producer" if category == "producer" else "\\N"
            role = f'["{_title(rng)}"]' if category in ("actor", "actress", "self") else "\\N"
            self._line("title.principals", f"tt{tid:07d}", ordering,
                       f"nm{rng.randint(1, names):07d}", category, job, role)  # fmt: skip

    def crew(self, tid: int, names: int, rng: random.Random) -> None:
        directors = f"nm{rng.randint(1, names):07d}"
        writers = ",".join(f"nm{rng.randint(1, names):07d}" for _ in range(rng.randint(0, 2)))
        self._line("title.crew", f"tt{tid:07d}", directors, writers or "\\N")

    def episode(self, tid: int, parent: int, rng: random.Random) -> None:
        self._line("title.episode", f"tt{tid:07d}", f"tt{parent:07d}", rng.randint(1, 12),
                   rng.randint(1, 24))  # fmt: skip

    def rating(self, tid: int, rng: random.Random) -> None:
        self._line("title.ratings", f"tt{tid:07d}", round(rng.uniform(1, 10), 1),
                   int(rng.paretovariate(1.2) * 5))  # fmt: skip

    def name(self, person: int, rng: random.Random) -> None:
        self._line("name.basics", f"nm{person:07d}", _title(rng), rng.randint(1900, 2000),
                   "\\N", "actor", "\\N")  # fmt: skip


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--scale", type=float, default=0.01)
    options = parser.parse_args()
    generate(options.directory, options.scale)
