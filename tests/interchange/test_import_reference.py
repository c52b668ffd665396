"""`cinecat import` of the reference page: what it prints and what it stores."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from cinecat.catalog.models import Copy, Credit, Edition, Person, Plot, Work


def run_import(*args: str) -> str:
    out = StringIO()
    call_command("import", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def imported(alice_collection, reference_path):
    output = run_import(str(reference_path), "--collection", "alice")
    return output, Copy.objects.get(collection=alice_collection)


def test_the_command_says_what_it_created(imported):
    output, _ = imported
    assert "created #1279 The Death Of Stalin [DVD] (line 8)" in output
    assert "1 created, 0 updated, 0 skipped in Alice's shelves" in output


def test_the_copy_keeps_the_reference_index_and_personal_fields(imported):
    _, copy = imported
    assert copy.index == 1279
    assert copy.owner == "Kerry & Dawn"
    assert copy.location.name == "Movies-01"
    assert copy.storage_device.name == "TD 05"
    assert copy.purchased_on == dt.date(2026, 1, 4)
    current = timezone.get_current_timezone()
    assert timezone.localtime(copy.added_at, current).replace(tzinfo=None) == dt.datetime(
        2026, 1, 4, 18, 20, 50
    )
    assert timezone.localtime(copy.modified_at, current).replace(tzinfo=None) == dt.datetime(
        2026, 1, 11, 6, 25, 58
    )
    assert sorted(copy.tags.values_list("name", flat=True)) == ["Piano", "USSR"]


def test_the_edition_is_stored_with_a_normalised_barcode(imported):
    _, copy = imported
    edition = copy.edition
    assert edition.distributor.name == "IFC Films"
    assert edition.release_date == dt.date(2017, 9, 8)
    assert edition.format == "DVD"
    assert edition.rating_display == "US - R"
    assert edition.barcode == "0191329079843"
    assert edition.barcode_display == "191329079843"
    assert edition.discs == 1
    assert edition.regions == ["1"]


def test_the_work_holds_facts_plots_and_cast(imported):
    _, copy = imported
    work = copy.first_work
    assert work.title == work.original_title == "The Death Of Stalin"
    assert list(work.genres.values_list("name", flat=True)) == ["Comedy", "Drama", "History"]
    assert work.facts_line == "UK | English | Color | 01:47"
    plots = list(work.plots.values_list("kind", "author"))
    assert plots == [
        ("summary", ""),
        ("summary", ""),
        ("summary", "Nick Riganas"),
        ("summary", "grantss"),
        ("summary", "KGF Vissers"),
        ("summary", "Huggo"),
        ("synopsis", ""),
    ]
    cast = list(work.cast.values_list("person__name", "character"))
    assert len(cast) == 25
    assert cast[7] == ("Steve Buscemi", "Nikita Khrushchev")


def test_importing_the_same_page_twice_finds_the_same_copy_already_as_in_it(
    imported, reference_path
):
    output = run_import(str(reference_path), "--collection", "alice")
    assert "same #1279 The Death Of Stalin [DVD] (line 8)" in output
    assert "0 created, 0 updated, 1 already as in the file" in output
    assert Copy.objects.count() == 1
    assert (Edition.objects.count(), Work.objects.count()) == (1, 1)
    assert Credit.objects.count() == 25
    assert Plot.objects.count() == 7
    assert Person.objects.count() == 25


def test_without_a_collection_the_first_one_is_used(db, reference_path):
    output = run_import(str(reference_path))
    assert "in My collection" in output
    assert Copy.objects.get().collection.slug == "mine"
