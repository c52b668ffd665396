"""An import names a genre, a distributor or a tag as it likes: 'comedy' is the 'Comedy' there."""

from dataclasses import replace

from cinecat.catalog.models import (
    Company,
    Copy,
    Genre,
    Location,
    Person,
    StorageDevice,
    Tag,
)
from cinecat.catalog.records import (
    CopyRecord,
    CreditRecord,
    EditionRecord,
    LoanRecord,
    Record,
    WorkRecord,
)
from cinecat.interchange.writer import apply_records
from cinecat.lending.models import Borrower
from tests.factories import CollectionFactory


def disc(title, *, genre="Comedy", distributor="Fox", tag="Coen", device="TD 05", borrower="Bob"):
    return Record(
        works=(WorkRecord(title, genres=(genre,), credits=(CreditRecord("Frances McDormand"),)),),
        edition=EditionRecord(distributor=distributor),
        copy=CopyRecord(tags=(tag,), storage_device=device, loans=(LoanRecord(borrower),)),
    )


SHOUTED = (CreditRecord("FRANCES MCDORMAND"),)


def names(model) -> list[str]:
    return sorted(model.objects.values_list("name", flat=True))


def test_another_import_in_another_case_reuses_the_values_there(alice_collection):
    apply_records([disc("Fargo")], alice_collection)
    lower = disc("Raising Arizona", genre="comedy", distributor="FOX", tag="coen", device="td 05")
    apply_records(
        [replace(lower, works=(replace(lower.works[0], credits=SHOUTED),))], alice_collection
    )
    assert (names(Genre), names(Company), names(Tag)) == (["Comedy"], ["Fox"], ["Coen"])
    assert (names(StorageDevice), names(Borrower)) == (["TD 05"], ["Bob"])
    arizona = Copy.objects.get(edition__edition_works__work__title="Raising Arizona")
    assert list(arizona.first_work.genres.values_list("name", flat=True)) == ["Comedy"]
    assert (arizona.edition.distributor.name, arizona.storage_device.name) == ("Fox", "TD 05")
    assert list(arizona.tags.values_list("name", flat=True)) == ["Coen"]
    assert arizona.loans.get().borrower.name == "Bob"
    # People's names are not unique: they are matched as spelt.
    assert names(Person) == ["FRANCES MCDORMAND", "Frances McDormand"]


def test_a_new_name_keeps_the_spelling_it_was_first_given(alice_collection):
    apply_records(
        [disc("Fargo", genre="film noir"), disc("Blood Simple", genre="Film Noir")],
        alice_collection,
    )
    assert names(Genre) == ["film noir"]
    assert Genre.objects.get().works.count() == 2


def test_a_name_in_another_alphabet_matches_whatever_its_case(alice_collection):
    apply_records([disc("Amélie", genre="Comédie")], alice_collection)
    apply_records([disc("Delicatessen", genre="COMÉDIE")], alice_collection)
    assert names(Genre) == ["Comédie"]


def test_an_accent_typed_apart_from_its_letter_is_the_same_name_and_title(alice_collection):
    # 'é' as one character (most programs) or as 'e' and a combining accent (macOS files)
    apply_records([disc("Amélie", genre="Comédie")], alice_collection)
    report = apply_records([disc("AME\u0301LIE", genre="COME\u0301DIE")], alice_collection)
    assert report.count("updated") == 1
    assert names(Genre) == ["Comédie"]


def test_a_place_in_another_case_is_the_place_already_there(alice_collection):
    apply_records(
        [replace(disc("Fargo"), copy=CopyRecord(location=("Study", "Shelf 2")))], alice_collection
    )
    heat = replace(disc("Heat"), copy=CopyRecord(location=("STUDY", "shelf 2", "Box")))
    apply_records([heat], alice_collection)
    assert sorted(Location.objects.values_list("name", flat=True)) == ["Box", "Shelf 2", "Study"]
    assert Copy.objects.get(edition__edition_works__work__title="Heat").location.path == (
        "Study › Shelf 2 › Box"
    )


def test_values_of_one_collection_are_matched_in_that_collection_only(alice_collection):
    apply_records([disc("Fargo")], alice_collection)
    bobs = CollectionFactory(name="Bob's shelves", slug="bob")
    apply_records([disc("Fargo", tag="coen", device="td 05", borrower="BOB")], bobs)
    apply_records([disc("Heat", tag="COEN", device="Td 05", borrower="bob")], bobs)
    assert Tag.objects.filter(collection=bobs).get().name == "coen"
    assert StorageDevice.objects.filter(collection=bobs).get().name == "td 05"
    assert Borrower.objects.filter(collection=bobs).get().name == "BOB"
    assert (names(Tag), names(StorageDevice)) == (["Coen", "coen"], ["TD 05", "td 05"])


def test_values_told_apart_before_stay_apart_and_keep_their_own(alice_collection):
    Genre.objects.create(name="Drama")
    Genre.objects.create(name="drama")
    apply_records([disc("Fargo", genre="drama"), disc("Heat", genre="DRAMA")], alice_collection)
    assert names(Genre) == ["Drama", "drama"]
    fargo, heat = (Genre.objects.get(works__title=title).name for title in ("Fargo", "Heat"))
    assert (fargo, heat) == ("drama", "Drama")  # its own spelling, else the oldest


def test_a_title_in_another_case_finds_the_copy_in_any_alphabet(alice_collection):
    apply_records([disc("Ötzi")], alice_collection)
    report = apply_records([disc("ÖTZI")], alice_collection)
    assert report.count("updated") == 1
    assert Copy.objects.get().first_work.title == "ÖTZI"
