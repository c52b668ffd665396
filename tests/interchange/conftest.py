"""Alice's catalog for the way out: the reference DVD plus a box set, a wish and their details."""

import datetime as dt
import io
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from cinecat.catalog.records import (
    CopyRecord,
    CreditRecord,
    EditionRecord,
    LoanRecord,
    PlotRecord,
    Record,
    WorkRecord,
)
from cinecat.interchange.writer import apply_records

UTC = dt.UTC


def alien_box_set(index: int = 7) -> Record:
    """A box set on loan to Carol, once to Bob, in a box on a shelf, with a price in euros."""
    alien = WorkRecord(
        title="Alien",
        original_title="Alien",
        year=1979,
        runtime_minutes=117,
        colour="Color",
        genres=("Sci-Fi", "Horror"),
        countries=("US", "UK"),
        languages=("English",),
        plots=(
            PlotRecord("In space no one can hear you scream.", "me"),
            PlotRecord("The Nostromo answers a distress call.", kind="synopsis"),
        ),
        credits=(
            CreditRecord("Sigourney Weaver", "Ripley"),
            CreditRecord("Ridley Scott", job="Director", role="crew"),
            CreditRecord("Tom Skerritt", "Dallas"),
        ),
        trailer_url="https://example.com/alien",
        imdb_id="tt0078748",
        tmdb_id=348,
    )
    return Record(
        works=(alien, WorkRecord("Aliens", year=1986), WorkRecord("Alien 3", year=1992)),
        edition=EditionRecord(
            format="Blu-ray",
            name="Quadrilogy",
            distributor="Fox",
            release_date=dt.date(2010, 10, 26),
            barcode="024543617907",
            rating_country="US",
            rating="R",
            regions=("A", "B"),
            discs=4,
            packaging="Digibook",
            aspect_ratio="2.35:1",
            audio=("English DTS-HD 5.1", "French DD 5.1"),
            subtitles=("English", "French"),
        ),
        copy=CopyRecord(
            index=index,
            owner="Alice",
            location=("Living room", "Shelf 2", "Box A"),
            storage_device="Binder 1",
            storage_slot="12",
            purchased_on=dt.date(2024, 12, 24),
            purchase_price=Decimal("39.99"),
            purchase_currency="EUR",
            purchase_store="Fnac",
            condition="Mint",
            notes="A gift from Bob.\nThe slipcover is dented.",
            tags=("Sci-Fi night", "Favourites"),
            my_rating=9,
            viewings=3,
            added_at=dt.datetime(2024, 12, 24, 20, 0, 5, 123456, tzinfo=UTC),
            modified_at=dt.datetime(2025, 5, 1, 9, 30, tzinfo=UTC),
            loans=(
                LoanRecord("Bob", dt.date(2025, 1, 5), returned_on=dt.date(2025, 2, 1), notes="ok"),
                LoanRecord("Carol", dt.date(2025, 5, 1), due_on=dt.date(2025, 6, 1)),
            ),
            other_details=(
                ("Features", "Audio commentary\nDeleted scenes"),
                ("IMDb rating", "8.5"),
            ),
        ),
        source_id="box-1",
    )


def heat_wish(index: int = 8) -> Record:
    return Record(
        works=(WorkRecord("Heat", year=1995, genres=("Crime",)),),
        edition=EditionRecord(format="4K UHD"),
        copy=CopyRecord(index=index, status="wish", location=("Living room", "Shelf 2")),
    )


class OneWayStream(io.RawIOBase):
    """A pipe-like stream: readable once, no seeking."""

    def __init__(self, data: bytes) -> None:
        self._source = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        chunk = self._source.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)


@pytest.fixture
def alice_catalog(alice_collection, reference_path):
    """Alice imported the reference page, then added a box set and a wish by hand."""
    call_command("import", str(reference_path), "--collection", "alice", stdout=StringIO())
    apply_records([alien_box_set(), heat_wish()], alice_collection, source_key="test")
    return alice_collection
