"""Alice's shelves for the statistics: six films she owns, one she wishes for."""

import datetime as dt
from decimal import Decimal

import pytest

from cinecat.catalog.records import CopyRecord, CreditRecord, EditionRecord, Record, WorkRecord
from cinecat.catalog.records import ViewingRecord as Seen
from cinecat.interchange.writer import apply_records

UTC = dt.UTC


def film(title, year, fmt="DVD", *, genres=(), cast=(), director="", country=(), **copy):
    credits = tuple(CreditRecord(name, "Someone") for name in cast)
    if director:
        credits += (CreditRecord(director, job="Director", role="crew"),)
    work = WorkRecord(title=title, year=year, genres=genres, credits=credits, countries=country)
    return Record(works=(work,), edition=EditionRecord(format=fmt), copy=CopyRecord(**copy))


def at(year, month, day, hour=12) -> dt.datetime:
    return dt.datetime(year, month, day, hour, tzinfo=UTC)


@pytest.fixture
def shelves(alice_collection):
    records = [
        film("Fargo", 1996, genres=("Crime", "Comedy"), cast=("Frances McDormand",),
             director="Joel Coen", country=("USA",), index=1, owner="Alice",
             location=("Study", "Shelf 1"), purchase_price=Decimal("10.50"),
             purchase_currency="USD", purchased_on=dt.date(2019, 3, 2), added_at=at(2019, 3, 2),
             viewings=2, viewing_log=(Seen(dt.date(2019, 3, 3)), Seen(dt.date(2020, 1, 5)))),
        film("Blood Simple", 1984, "Blu-ray", genres=("Crime",), cast=("Frances McDormand",),
             director="Joel Coen", country=("USA",), index=2, owner="Alice",
             location=("Study", "Shelf 1"), purchase_price=Decimal("4.50"),
             purchase_currency="USD", purchased_on=dt.date(2019, 7, 9), added_at=at(2019, 7, 9)),
        film("Amélie", 2001, genres=("Comedy",), cast=("Audrey Tautou",),
             director="Jean-Pierre Jeunet", country=("France",), index=3, owner="Bob",
             location=("Study", "Shelf 2"), purchase_price=Decimal("7.25"),
             purchase_currency="EUR", purchased_on=dt.date(2020, 2, 1), added_at=at(2020, 2, 1),
             viewings=1, viewing_log=(Seen(dt.date(2020, 2, 2)),)),
        film("Delicatessen", 1991, "Blu-ray", genres=("Comedy",), director="Jean-Pierre Jeunet",
             country=("France",), index=4, owner="Bob", added_at=at(2020, 2, 14)),
        film("Metropolis", 1927, "Blu-ray", genres=("Science Fiction",), country=("Germany",),
             index=5, added_at=at(2020, 5, 1)),
        film("Barton Fink", 1991, "VHS", genres=("Comedy",), cast=("John Turturro",),
             director="Joel Coen", index=6, added_at=at(2021, 1, 1),
             purchase_price=Decimal("3.00"), purchase_currency="USD",
             purchased_on=dt.date(2021, 1, 1)),
        film("Oldboy", 2003, "Blu-ray", genres=("Thriller",), index=7, status="wish",
             purchase_price=Decimal("99.00"), purchase_currency="USD",
             purchased_on=dt.date(2021, 1, 1), added_at=at(2021, 1, 1)),
    ]  # fmt: skip
    apply_records(records, alice_collection)
    return alice_collection
