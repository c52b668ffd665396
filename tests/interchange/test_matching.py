"""Finding again, on a second import, the copies a first one made: each entry its own copy."""

from cinecat.catalog import editing
from cinecat.catalog.models import Copy
from cinecat.interchange.formats.base import CopyRecord, EditionRecord, Record, WorkRecord
from cinecat.interchange.writer import apply_records

SABRINA_EAN = "0097361306148"


def entry(title="Sabrina", *, barcode="", index=None, owner=""):
    return Record(
        works=(WorkRecord(title=title, year=1954),),
        edition=EditionRecord(format="DVD", barcode=barcode),
        copy=CopyRecord(index=index, owner=owner),
        where=f"entry {title}",
    )


def test_two_copies_of_one_title_are_each_found_again(alice_collection):
    apply_records([entry(), entry()], alice_collection)

    report = apply_records([entry(owner="Alice"), entry(owner="Bob")], alice_collection)

    assert (report.count("created"), report.count("updated")) == (0, 2)
    assert sorted(Copy.objects.values_list("owner", flat=True)) == ["Alice", "Bob"]


def test_two_copies_of_one_barcode_without_numbers_are_each_found_again(alice_collection):
    apply_records([entry(barcode=SABRINA_EAN), entry(barcode=SABRINA_EAN)], alice_collection)

    report = apply_records(
        [entry(barcode=SABRINA_EAN), entry(barcode=SABRINA_EAN)], alice_collection
    )

    assert (report.count("created"), report.count("updated")) == (0, 2)
    assert Copy.objects.count() == 2


def test_each_entry_takes_the_copy_of_its_own_number_first(alice_collection):
    apply_records([entry(index=4), entry(index=9)], alice_collection)

    apply_records([entry(index=9, owner="Nine"), entry(index=4, owner="Four")], alice_collection)

    assert dict(Copy.objects.values_list("index", "owner")) == {4: "Four", 9: "Nine"}


def test_a_copy_in_the_trash_is_found_again_and_left_there(alice_collection):
    apply_records([entry(barcode=SABRINA_EAN)], alice_collection)
    editing.trash(Copy.objects.all())

    report = apply_records([entry(barcode=SABRINA_EAN, owner="Alice")], alice_collection)

    assert report.count("updated") == 1
    assert "matches copy #1, in the trash" in report.items[0].message
    assert not Copy.objects.exists()
    assert Copy.everything.get().owner == "Alice"


def test_a_copy_on_the_shelves_is_taken_before_one_in_the_trash(alice_collection):
    apply_records([entry(index=1), entry(index=2)], alice_collection)
    editing.trash(Copy.objects.filter(index=1))

    apply_records([entry(index=None, owner="Alice")], alice_collection)

    assert Copy.objects.get().owner == "Alice"
    assert Copy.everything.get(index=1).owner == ""
