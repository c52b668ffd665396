"""The demo collection a new installation starts with: real films, facts only.

Built from the ggplot2 movies table (title, year, runtime, MPAA rating, genre flags) when it is at
hand, otherwise from the small sample shipped beside this module. No plot texts are shipped.
The table writes titles as a library index does ("Abyss, The"): the demo shows them as people
write them ("The Abyss") and sorts them by the indexed form. Directors and leading actors come
from a short list of well-known films beside this module (``demo_people.csv``).
"""

import csv
from collections.abc import Iterator
from pathlib import Path

from cinecat.catalog.records import CopyRecord, CreditRecord, EditionRecord, Record, WorkRecord

SAMPLE = Path(__file__).with_name("demo_films.csv")
PEOPLE = Path(__file__).with_name("demo_people.csv")
# Articles an index moves to the end of a title; those of languages that write nouns in lower
# case give the title back its lower-case first word ("Il buono, il brutto, il cattivo").
_ARTICLES = {"the": False, "a": False, "an": False, "das": False, "der": False, "die": False}
_ARTICLES |= {"il": True, "la": True, "le": True, "les": True, "el": True}
GGPLOT_GENRES = ("Action", "Animation", "Comedy", "Drama", "Documentary", "Romance", "Short")
# A shelf of a typical collector: mostly DVD, a good share of Blu-ray, a few others.
MEDIA = ("DVD", "DVD", "Blu-ray", "DVD", "Blu-ray", "4K UHD", "DVD", "VHS")
SHELVES = ("Living room", "Study", "Bedroom")


def demo_rows(path: Path, size: int = 300) -> list[dict]:
    """The ``size`` best-known films of a ggplot2-style table, or the rows of the sample."""
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    if "votes" in rows[0]:
        rows.sort(key=lambda row: -int(row["votes"]))
        rows = [_from_ggplot(row) for row in rows[:size]]
    return sorted(rows[:size], key=lambda row: (row["title"].casefold(), row["year"]))


def _from_ggplot(row: dict) -> dict:
    genres = "|".join(genre for genre in GGPLOT_GENRES if row.get(genre) == "1")
    return {
        "title": row["title"],
        "year": row["year"],
        "runtime": row["length"],
        "mpaa": row["mpaa"],
        "genres": genres,
    }


def display_title(indexed: str) -> str:
    """'Abyss, The' → 'The Abyss'; a title without a trailing article stays as it is."""
    head, comma, article = indexed.rpartition(", ")
    lowers = _ARTICLES.get(article.casefold()) if comma and head else None
    if lowers is None:
        return indexed
    first = head[:1].lower() + head[1:] if lowers else head
    return f"{article} {first}"


def demo_people(path: Path = PEOPLE) -> dict[tuple[str, int], tuple[CreditRecord, ...]]:
    """The directors and leading actors of the films the demo knows them for."""
    with path.open(newline="", encoding="utf-8") as handle:
        return {
            (row["title"], int(row["year"])): tuple(
                [CreditRecord(name) for name in row["cast"].split("|")]
                + [
                    CreditRecord(name, job="Director", role="crew")
                    for name in row["directors"].split("|")
                ]
            )
            for row in csv.DictReader(handle)
        }


def demo_records(rows: list[dict]) -> Iterator[Record]:
    people = demo_people()
    for number, row in enumerate(rows, 1):
        title = display_title(row["title"])
        year = int(row["year"])
        work = WorkRecord(
            title=title,
            sort_title=row["title"] if title != row["title"] else "",
            year=year,
            credits=people.get((title, year), ()),
            runtime_minutes=int(row["runtime"]) if row["runtime"] else None,
            genres=tuple(genre for genre in row["genres"].split("|") if genre),
            countries=(),
        )
        edition = EditionRecord(
            format=MEDIA[number % len(MEDIA)],
            rating_country="US" if row["mpaa"] else "",
            rating=row["mpaa"],
            discs=1,
        )
        shelf = f"Shelf {(number - 1) // 40 + 1:02d}"
        copy = CopyRecord(
            index=number, location=(SHELVES[(number - 1) // 120 % len(SHELVES)], shelf)
        )
        yield Record(works=(work,), edition=edition, copy=copy, where=f"demo row {number}")
