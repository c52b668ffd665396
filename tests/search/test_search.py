"""Search finds copies by any of their words, accents and case aside, titles first."""

from dataclasses import replace

import pytest

from cinecat.catalog import history, services
from cinecat.catalog.models import Copy
from cinecat.catalog.records import (
    CopyRecord,
    CreditRecord,
    EditionRecord,
    PlotRecord,
    Record,
    WorkRecord,
)
from cinecat.interchange.writer import apply_records
from cinecat.search.full_text import search
from cinecat.search.models import SearchDocument


def film(title, *, cast=(), plot="", barcode="", index=None, tags=(), notes="", **more):
    return Record(
        works=(
            WorkRecord(
                title=title,
                credits=tuple(CreditRecord(n, c) for n, c in cast),
                plots=(PlotRecord(plot),) if plot else (),
            ),
        ),
        edition=EditionRecord(barcode=barcode, distributor=more.get("distributor", "")),
        copy=CopyRecord(index=index, tags=tags, notes=notes, other_details=more.get("details", ())),
    )


@pytest.fixture
def shelf(alice_collection):
    apply_records(
        [
            film(
                "Amélie",
                cast=[("Audrey Tautou", "Amélie Poulain")],
                index=1,
                plot="A shy waitress in Montmartre",
                tags=("French",),
            ),
            film(
                "The Death Of Stalin",
                cast=[("Steve Buscemi", "Nikita Khrushchev")],
                barcode="191329079843",
                index=1279,
                distributor="IFC Films",
                details=(("Series", "Armando Iannucci satires"),),
            ),
            film(
                "Fargo",
                cast=[("Steve Buscemi", "Carl Showalter")],
                index=2,
                plot="A death in the snow",
                notes="signed by the Coens",
            ),
        ],
        alice_collection,
    )
    return alice_collection


def titles(collection, query: str) -> list[str]:
    found = search(collection.copies.all(), query).order_by("title_match", "index")
    return [copy.first_work.title for copy in found]


def test_accents_and_case_do_not_matter(shelf):
    assert titles(shelf, "amelie") == ["Amélie"]
    assert titles(shelf, "AMÉLIE") == ["Amélie"]


def test_letters_without_a_separate_accent_are_found_as_their_base_letters(alice_collection):
    apply_records([film("Łódź Stories", cast=[("Søren Ærø", "Œdipe")], index=7)], alice_collection)
    assert titles(alice_collection, "lodz") == ["Łódź Stories"]
    assert titles(alice_collection, "soren aero oedipe") == ["Łódź Stories"]
    assert titles(alice_collection, "ŁÓDŹ") == ["Łódź Stories"]


def test_stored_documents_fold_those_letters_once_migrated(alice_collection):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("cinecat.search.migrations.0004_fold_letters")
    apply_records([film("Łódź Stories", cast=[("Søren Ærø", "")], index=7)], alice_collection)
    # As documents were stored before: folded, but for these letters.
    SearchDocument.objects.update(title_text="łodz stories", people_text="søren ærø")
    assert titles(alice_collection, "lodz") == []

    migration.fold_letters(apps, None)

    document = SearchDocument.objects.get()
    assert (document.title_text, document.people_text) == ("lodz stories", "soren aero")
    assert titles(alice_collection, "lodz soren") == ["Łódź Stories"]


def test_a_word_may_be_typed_in_part(shelf):
    assert titles(shelf, "busc") == ["Fargo", "The Death Of Stalin"]


def test_every_word_is_required(shelf):
    assert titles(shelf, "steve stalin") == ["The Death Of Stalin"]
    assert titles(shelf, "steve amelie") == []


def test_title_matches_come_first(shelf):
    assert titles(shelf, "death") == ["The Death Of Stalin", "Fargo"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("khrushchev", ["The Death Of Stalin"]),  # a character
        ("montmartre", ["Amélie"]),  # plot text
        ("french", ["Amélie"]),  # a tag
        ("coens", ["Fargo"]),  # notes
        ("ifc", ["The Death Of Stalin"]),  # distributor
        ("191329079843", ["The Death Of Stalin"]),  # UPC as printed
        ("0191329079843", ["The Death Of Stalin"]),  # its EAN-13 form
        ("1279", ["The Death Of Stalin"]),  # index
        ("satires", ["The Death Of Stalin"]),  # a detail kept from an earlier cataloguer
    ],
)
def test_search_reaches_every_field_a_collector_remembers(shelf, query, expected):
    assert titles(shelf, query) == expected


def test_punctuation_alone_matches_everything_unfiltered(shelf):
    assert len(titles(shelf, " -- ")) == 3


def edit(copy: Copy, *, credits=(), plots=(), **changes) -> None:
    """Save the copy as the edit page does, with ``changes`` to its own fields and the
    ``credits`` and ``plots`` added to its film."""
    stored = history.record_of(copy)
    work = stored.works[0]
    work = replace(work, credits=work.credits + credits, plots=work.plots + plots)
    change = services.EntryEdit(work, stored.edition, replace(stored.copy, **changes))
    services.save_edits(copy, change, version=None)


def test_the_index_follows_edits(shelf):
    edit(Copy.objects.get(index=2), notes="bought in Duluth")
    assert titles(shelf, "duluth") == ["Fargo"]
    assert titles(shelf, "coens") == []


def test_the_index_follows_cast_plot_and_tag_edits(shelf):
    edit(
        Copy.objects.get(index=2),
        credits=(CreditRecord("Frances McDormand"),),
        plots=(PlotRecord("Brainerd in winter"),),
        tags=("Minnesota",),
    )
    assert titles(shelf, "mcdormand brainerd minnesota") == ["Fargo"]


def test_a_deleted_copy_leaves_the_index(shelf):
    Copy.objects.get(index=2).delete()
    assert titles(shelf, "fargo") == []
    assert SearchDocument.objects.count() == 2


def test_an_import_rolled_back_leaves_no_documents(alice_collection):
    with pytest.raises(Exception, match="the entry has no title"):
        apply_records([film("Heat"), film("")], alice_collection)
    assert SearchDocument.objects.count() == 0


def test_collections_do_not_see_each_others_copies(shelf):
    from tests.factories import CollectionFactory

    bob = CollectionFactory(slug="bob")
    apply_records([film("Fargo", index=7)], bob)
    assert titles(shelf, "fargo") == ["Fargo"]
    assert titles(bob, "fargo") == ["Fargo"]
    assert search(bob.copies.all(), "fargo").get().collection == bob


def test_a_failed_bulk_write_of_documents_leaves_later_edits_indexed(shelf):
    from contextlib import nullcontext

    from django.db import IntegrityError, connection, transaction

    from cinecat.search.index import _documents, _insert

    amelie, fargo = Copy.objects.get(index=1), Copy.objects.get(index=2)
    documents = _documents([amelie.pk, fargo.pk])  # both stored already: the insert must fail
    # PostgreSQL cannot go on in a transaction after an error; SQLite's bulk path must undo
    # its own changes (the trigger standing aside) by itself.
    undo = transaction.atomic() if connection.vendor == "postgresql" else nullcontext()
    with pytest.raises(IntegrityError), undo:
        _insert(documents)
    edit(fargo, notes="bought in Duluth")
    assert titles(shelf, "duluth") == ["Fargo"]
