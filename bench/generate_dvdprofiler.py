"""Generate a large DVD Profiler collection.xml from ggplot2-movies.csv, with cinecat's writer.

    python bench/generate_dvdprofiler.py --size 100000 --out bench/results/dvdprofiler-100000.xml

Titles repeat past the csv's 58,788 films as other editions (format, edition name, barcode). Each
entry has on average 15 credits (about 12 cast with characters, a director, one to three writers)
drawn from one pool of people with a Zipf-like skew: a few people appear in many films. Seeded, so
the same size gives the same file.
"""

import argparse
import csv
import datetime as dt
import itertools
import os
import random
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

from stdnum import ean

from cinecat.catalog.records import (
    CopyRecord,
    CreditRecord,
    EditionRecord,
    LoanRecord,
    PlotRecord,
    Record,
    WorkRecord,
)
from cinecat.interchange.formats import dvdprofiler

MOVIES = Path(__file__).resolve().parents[2] / "shared" / "data" / "ggplot2-movies.csv"
GENRES = ("Action", "Animation", "Comedy", "Drama", "Documentary", "Romance", "Short")
EDITIONS = (("DVD", ""), ("Blu-ray", "Special Edition"), ("4K UHD", "Collector's Edition"))
FIRST = "Anna Ben Clara David Emma Frank Grace Henry Iris Jack Kate Leo Maria Noah Olga Paul"
LAST = "Adams Brown Clarke Dubois Evans Fischer Garcia Hughes Ito Jensen Kowalski Lopez Moreau"
SYLLABLES = "ka ri mo ta le su ne vo la di sa ro mi te na"
ROLES = "Detective Doctor Mother Father Sergeant Nurse Waiter Stranger Captain Friend Driver"
PEOPLE = 150_000
# Zipf-Mandelbrot weights 1 / (rank + SHIFT): the busiest person is in about 2% of the films,
# most people in one or two.
SHIFT = 100


def movies() -> list[dict[str, str]]:
    with MOVIES.open(newline="", encoding="utf-8") as stream:
        return list(csv.DictReader(stream))


class People:
    """Names drawn with a Zipf-like skew from a fixed pool."""

    def __init__(self, rng: random.Random, size: int = PEOPLE) -> None:
        first, last, syllables = FIRST.split(), LAST.split(), SYLLABLES.split()
        names: list[str] = []
        seen: set[str] = set()
        while len(names) < size:
            tail = "".join(rng.choices(syllables, k=rng.randint(2, 3))).capitalize()
            name = f"{rng.choice(first)} {rng.choice(last)}-{tail}"
            if name not in seen:
                seen.add(name)
                names.append(name)
        self.names = names
        self.weights = list(itertools.accumulate(1 / (rank + SHIFT) for rank in range(size)))
        self.rng = rng

    def pick(self, count: int) -> list[str]:
        return self.rng.choices(self.names, cum_weights=self.weights, k=count)


def upc(number: int) -> str:
    body = f"7{number:010d}"  # UPC-A: 11 digits and a check digit
    return body + ean.calc_check_digit(body)


def records(size: int, seed: int = 2024) -> Iterator[Record]:
    rng = random.Random(seed)
    films, people, roles = movies(), People(rng), ROLES.split()
    rooms = [("Living room", f"Shelf {n}") for n in range(1, 9)] + [("Attic", "Box 1")]
    for index in range(1, size + 1):
        film = films[(index - 1) % len(films)]
        fmt, name = EDITIONS[(index - 1) // len(films) % len(EDITIONS)]
        barcode = upc(index)
        cast = people.pick(rng.randint(8, 16))
        crew = people.pick(rng.randint(2, 4))
        genres = tuple(genre for genre in GENRES if film[genre] == "1")
        credits = tuple(
            CreditRecord(person, character=f"{rng.choice(roles)} {rng.randint(1, 9)}")
            for person in cast
        ) + tuple(
            CreditRecord(person, job="Director" if n == 0 else "Writer", role="crew")
            for n, person in enumerate(crew)
        )
        location = rng.choice(rooms)
        loans = ()
        if rng.random() < 0.02:
            lent = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randint(0, 1500))
            loans = (LoanRecord(people.pick(1)[0], lent, due_on=lent + dt.timedelta(days=14)),)
        yield Record(
            works=(
                WorkRecord(
                    title=film["title"],
                    year=int(film["year"]),
                    runtime_minutes=int(film["length"]) or None,
                    genres=genres,
                    plots=(
                        PlotRecord(f"{film['title']} ({film['year']}), rated {film['rating']}."),
                    ),
                    credits=credits,
                ),
            ),
            edition=EditionRecord(
                format=fmt,
                name=name,
                barcode=barcode,
                rating=film["mpaa"] or "NR",
                rating_country="US",
                regions=("1",),
                discs=1 + (index % 7 == 0),
                packaging="Keep Case",
            ),
            copy=CopyRecord(
                index=index,
                location=(" / ".join(location),),
                storage_slot=str(rng.randint(1, 120)),
                purchased_on=dt.date(2005, 1, 1) + dt.timedelta(days=rng.randint(0, 6000)),
                purchase_price=Decimal(rng.randint(299, 4999)) / 100,
                purchase_currency="USD",
                purchase_store=rng.choice(("Amazon", "Best Buy", "HMV", "Fnac")),
                viewings=rng.randint(0, 3),
                loans=loans,
            ),
            source_id=barcode,
        )


def generate(size: int, out: Path) -> Path:
    # The writer gives days as times where cinecat reads dates: its settings name the zone.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cinecat.settings")
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_suffix(".partial")
    with partial.open("wb") as stream:
        dvdprofiler.write(records(size), stream)
    partial.replace(out)  # a killed run leaves no half file to be taken for a whole one
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--out", type=Path)
    options = parser.parse_args(argv)
    out = options.out or Path(__file__).parent / "results" / f"dvdprofiler-{options.size}.xml"
    generate(options.size, out)
    print(f"{out} ({out.stat().st_size / 1e6:.1f} MB)", file=sys.stderr)


if __name__ == "__main__":
    main()
