"""Alice's shelves read in collectors' order: 'apple' before 'Zebra', 'Éclair' among the E's."""

import importlib
import re
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection

from cinecat.catalog.models import Work
from cinecat.catalog.records import CopyRecord, Record, WorkRecord
from cinecat.interchange.writer import apply_records
from tests.factories import WorkFactory

TITLES = ["zeta", "Éclair", "The Apple Tree", "Zebra", "apple"]
COLLECTORS_ORDER = ["apple", "The Apple Tree", "Éclair", "Zebra", "zeta"]

migration = importlib.import_module("cinecat.catalog.migrations.0007_work_folded_titles")


@pytest.fixture
def mixed_shelf(alice_collection):
    records = [
        Record(works=(WorkRecord(title),), copy=CopyRecord(index=n))
        for n, title in enumerate(TITLES, 1)
    ]
    apply_records(records, alice_collection)
    return alice_collection


def listed(response) -> list[str]:
    return re.findall(r'class="row-title">([^<]+)<', response.content.decode())


def test_the_list_sorted_by_title_ignores_case_accents_and_articles(client, mixed_shelf):
    assert listed(client.get("/c/alice/?sort=title")) == COLLECTORS_ORDER


def test_the_list_sorted_by_title_descending_is_the_same_order_backwards(client, mixed_shelf):
    assert listed(client.get("/c/alice/?sort=-title")) == COLLECTORS_ORDER[::-1]


def test_works_list_in_collectors_order_whatever_wrote_them(mixed_shelf):
    WorkFactory(title="Être et avoir")  # saved one at a time, not by an import
    titles = list(Work.objects.values_list("title", flat=True))
    assert titles == ["apple", "The Apple Tree", "Éclair", "Être et avoir", "Zebra", "zeta"]


def test_letters_no_decomposition_takes_apart_are_filed_as_their_base_letters(alice_collection):
    for title in ["Zebra", "Łódź", "Œuvre", "Ørnen", "Mars", "Đorđe", "Ærø"]:
        WorkFactory(title=title)
    titles = list(Work.objects.values_list("title", flat=True))
    assert titles == ["Ærø", "Đorđe", "Łódź", "Mars", "Œuvre", "Ørnen", "Zebra"]


def test_an_edited_sort_title_moves_the_film(client, mixed_shelf):
    work = Work.objects.get(title="zeta")
    work.sort_title = "Alpha"
    work.save()
    assert listed(client.get("/c/alice/?sort=title"))[0] == "zeta"


def test_the_migration_folds_the_titles_of_existing_works(mixed_shelf, monkeypatch):
    Work.objects.update(title_order="", folded_title="")
    monkeypatch.setattr(migration, "BATCH", 2)  # several batches, as at 100,000 works
    migration.fill_folded_titles(apps, SimpleNamespace(connection=connection))
    folded = dict(Work.objects.values_list("title", "title_order"))
    assert folded == {
        "apple": "apple",
        "The Apple Tree": "apple tree, the",
        "Éclair": "eclair",
        "Zebra": "zebra",
        "zeta": "zeta",
    }
    assert Work.objects.get(title="Éclair").folded_title == "éclair"


def test_the_migration_folds_a_title_without_a_sort_title_as_it_would_sort(mixed_shelf):
    Work.objects.update(sort_title="", title_order="", folded_title="")
    migration.fill_folded_titles(apps, SimpleNamespace(connection=connection))
    assert Work.objects.get(title="The Apple Tree").title_order == "apple tree, the"


def test_a_title_that_folds_longer_than_its_column_is_cut_to_fit(alice_collection):
    apply_records([Record(works=(WorkRecord("ß" * 300),))], alice_collection)
    work = Work.objects.get()
    assert (work.title_order, work.folded_title) == ("ss" * 150, "ss" * 150)


def test_a_film_retitled_by_a_later_import_moves_in_the_list(client, alice_collection):
    def disc(title: str, source_id: str = "") -> list[Record]:
        return [Record(works=(WorkRecord(title),), source_id=source_id)]

    apply_records(disc("zeta", "Z1"), alice_collection, source_key="test")
    apply_records(disc("apple"), alice_collection)
    apply_records(disc("Aardvark", "Z1"), alice_collection, source_key="test")
    assert listed(client.get("/c/alice/?sort=title")) == ["Aardvark", "apple"]
