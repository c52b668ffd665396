"""Alice moves out with a CSV of every column, and back in to a catalog that starts empty."""

import csv
import io
from dataclasses import replace

import pytest

from cinecat.catalog.models import Copy, Edition, Work
from cinecat.catalog.records import CreditRecord
from cinecat.interchange import registry
from cinecat.interchange.export import export_collection, records_of
from cinecat.interchange.formats import csv_export, csv_import
from cinecat.interchange.writer import apply_records
from tests.factories import CollectionFactory

EVERY_COLUMN = list(csv_export.COLUMNS)


def exported_csv(collection, columns=EVERY_COLUMN) -> bytes:
    stream = io.BytesIO()
    export_collection(collection, "csv", stream, columns=columns)
    return stream.getvalue()


def records(collection):
    return list(records_of(collection.copies.order_by("index")))


@pytest.fixture
def alice_before(alice_catalog):
    """Her records and her CSV of every column, as she left."""
    return records(alice_catalog), exported_csv(alice_catalog)


@pytest.fixture
def alice_after(alice_catalog, alice_before):
    """Her CSV imported into a new collection once every copy, edition and work is gone: they
    are made again from the file, not found by their barcode."""
    _, data = alice_before
    Copy.everything.all().delete()
    Edition.objects.all().delete()
    Work.objects.all().delete()
    assert registry.detect(data[: registry.HEAD_SIZE]).key == "csv"
    moved = CollectionFactory(name="Alice's new shelves", slug="alice-again")
    apply_records(csv_import.read(io.BytesIO(data)), moved, source_key="csv")
    return moved


def test_csv_writes_a_box_sets_own_values_once_a_work(alice_catalog):
    columns = ["title", "original_title", "year", "runtime_minutes", "imdb_id", "genres"]
    _, box, wish, _ = csv.reader(io.StringIO(exported_csv(alice_catalog, columns).decode()))
    assert box == [
        "Alien; Aliens; Alien 3",
        "Alien; ; ",
        "1979; 1986; 1992",
        "117; ; ",
        "tt0078748; ; ",
        "Sci-Fi; Horror",
    ]
    assert wish == ["Heat", "", "1995", "", "", "Crime"]


def test_every_copy_comes_back_with_its_edition_and_personal_fields(alice_before, alice_after):
    (before, _), after = alice_before, records(alice_after)
    assert [r.copy.index for r in after] == [7, 8, 1279]
    for old, new in zip(before, after, strict=True):
        assert new.edition == old.edition
        assert replace(new.copy, loans=()) == replace(old.copy, loans=())
        assert new.source_id == old.source_id
    box = after[0].copy
    assert box.location == ("Living room", "Shelf 2", "Box A")
    assert (box.purchase_price, box.purchase_currency, box.tags) == (
        before[0].copy.purchase_price,
        "EUR",
        ("Sci-Fi night", "Favourites"),
    )
    assert box.other_details == (
        ("Features", "Audio commentary\nDeleted scenes"),
        ("IMDb rating", "8.5"),
    )
    # The open loan comes back, to the same borrower; its dates and the history are JSON's.
    assert [(loan.borrower, loan.returned_on) for loan in box.loans] == [("Carol", None)]


WORKS_OWN = ("title", "sort_title", "original_title", "year", "runtime_minutes", "colour")
WORKS_IDS = ("imdb_id", "tmdb_id", "trailer_url")


def test_every_work_comes_back_with_its_own_values(alice_before, alice_after):
    (before, _), after = alice_before, records(alice_after)

    def own_values(records):
        return [[[getattr(w, n) for n in WORKS_OWN + WORKS_IDS] for w in r.works] for r in records]

    # The reference page gives no film year: the year column stands in with the release year,
    # and that is the year the work comes back with.
    stalin = before[2]
    assert (stalin.works[0].year, after[2].works[0].year) == (
        None,
        stalin.edition.release_date.year,
    )
    before[2] = replace(stalin, works=(replace(stalin.works[0], year=2017),))
    assert own_values(after) == own_values(before)
    assert [len(r.works) for r in after] == [3, 1, 1]
    for old, new in zip(before, after, strict=True):
        lists = [(w.genres, w.countries, w.languages) for w in (old.works[0], new.works[0])]
        assert lists[1] == lists[0]


def test_a_box_sets_lists_and_names_come_back_on_its_first_work(alice_after):
    after = records(alice_after)[0].works
    alien = after[0]
    assert (alien.genres, alien.countries, alien.languages) == (
        ("Sci-Fi", "Horror"),
        ("US", "UK"),
        ("English",),
    )
    # Names only: a CSV has no column for characters or plots.
    assert alien.credits == (
        CreditRecord("Ridley Scott", job="Director", role="crew"),
        CreditRecord("Sigourney Weaver"),
        CreditRecord("Tom Skerritt"),
    )
    assert alien.plots == ()


def test_the_imported_collection_writes_the_same_csv_again(alice_before, alice_after):
    assert exported_csv(alice_after) == alice_before[1]
