"""Finding again, on a second import, the copies a first one made: each entry its own copy."""

from cinecat.catalog import services
from cinecat.catalog.models import Copy
from cinecat.catalog.records import CopyRecord, EditionRecord, Record, WorkRecord
from cinecat.interchange.writer import apply_records, run
from cinecat.search.index import _documents
from cinecat.search.models import SearchDocument

SABRINA_EAN = "0097361306148"


def entry(title="Sabrina", *, barcode="", index=None, owner="", source_id=""):
    return Record(
        works=(WorkRecord(title=title, year=1954),),
        edition=EditionRecord(format="DVD", barcode=barcode),
        copy=CopyRecord(index=index, owner=owner),
        source_id=source_id,
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

    assert (report.count("created"), report.count("same")) == (0, 2)  # each found, unchanged
    assert Copy.objects.count() == 2


def test_each_entry_takes_the_copy_of_its_own_number_first(alice_collection):
    apply_records([entry(index=4), entry(index=9)], alice_collection)

    apply_records([entry(index=9, owner="Nine"), entry(index=4, owner="Four")], alice_collection)

    assert dict(Copy.objects.values_list("index", "owner")) == {4: "Four", 9: "Nine"}


def test_a_copy_in_the_trash_is_found_again_and_left_there(alice_collection):
    apply_records([entry(barcode=SABRINA_EAN)], alice_collection)
    services.trash(Copy.objects.all())

    report = apply_records([entry(barcode=SABRINA_EAN, owner="Alice")], alice_collection)

    assert report.count("updated") == 1
    assert "matches copy #1, in the trash" in report.items[0].message
    assert not Copy.objects.exists()
    assert Copy.everything.get().owner == "Alice"


def test_a_copy_on_the_shelves_is_taken_before_one_in_the_trash(alice_collection):
    apply_records([entry(index=1), entry(index=2)], alice_collection)
    services.trash(Copy.objects.filter(index=1))

    apply_records([entry(index=None, owner="Alice")], alice_collection)

    assert Copy.objects.get().owner == "Alice"
    assert Copy.everything.get(index=1).owner == ""


def test_an_entry_takes_the_copy_of_its_own_number_even_in_the_trash(alice_collection):
    apply_records([entry(index=1), entry(index=2)], alice_collection)
    services.trash(Copy.objects.filter(index=1))

    report = apply_records(
        [entry(index=1, owner="One"), entry(index=2, owner="Two")], alice_collection
    )

    assert [item.copy.index for item in report.items] == [1, 2]
    assert dict(Copy.everything.values_list("index", "owner")) == {1: "One", 2: "Two"}


def test_two_entries_far_apart_in_a_file_are_two_copies_and_found_again(
    alice_collection, monkeypatch
):
    monkeypatch.setattr(run, "BATCH_SIZE", 2)  # the second Sabrina in a later batch
    films = [entry(), entry("Heat"), entry("Fargo"), entry()]
    assert apply_records(films, alice_collection).count("created") == 4

    again = [entry(owner="first"), entry("Heat"), entry("Fargo"), entry(owner="second")]
    report = apply_records(again, alice_collection)

    # The two Sabrinas changed owner; Heat and Fargo were found as they are.
    assert [report.count(action) for action in ("created", "updated", "same")] == [0, 2, 2]
    owners = Copy.objects.filter(edition__edition_works__work__title="Sabrina")
    assert sorted(owners.values_list("owner", flat=True)) == ["first", "second"]


def test_a_copy_updated_in_the_trash_keeps_its_search_document_for_a_restore(alice_collection):
    apply_records([entry(barcode=SABRINA_EAN)], alice_collection)
    services.trash(Copy.objects.all())

    apply_records([entry("Sabrina Fair", barcode=SABRINA_EAN)], alice_collection)

    copy = Copy.everything.get()
    stored = SearchDocument.objects.filter(copy=copy)
    assert "sabrina fair" in stored.get().title_text
    services.restore([copy])
    assert list(
        stored.values_list("copy", "collection", "title_text", "people_text", "body_text")
    ) == _documents([copy.pk])


def test_a_film_retitled_through_one_copy_is_found_under_its_new_title_in_the_other(
    alice_collection,
):
    apply_records(
        [entry(barcode=SABRINA_EAN, index=2), entry(barcode=SABRINA_EAN, index=9)], alice_collection
    )
    assert Copy.objects.values("edition").distinct().count() == 1  # one edition, two copies

    apply_records([entry("Sabrina Fair", barcode=SABRINA_EAN, index=2)], alice_collection)

    other = SearchDocument.objects.get(copy__index=9)
    assert "sabrina fair" in other.title_text


def test_an_entry_added_again_as_new_says_nothing_of_the_trash(alice_collection):
    apply_records([entry(barcode=SABRINA_EAN)], alice_collection)
    services.trash(Copy.objects.all())

    report = apply_records([entry(barcode=SABRINA_EAN)], alice_collection, on_duplicate="add")

    assert report.count("created") == 1
    assert "trash" not in report.items[0].message


def test_a_batch_updating_an_edition_and_adding_a_copy_of_it_indexes_both_once(alice_collection):
    apply_records([entry(barcode=SABRINA_EAN, index=1)], alice_collection)

    report = apply_records(
        [entry("Sabrina Fair", barcode=SABRINA_EAN, index=1), entry(barcode=SABRINA_EAN, index=5)],
        alice_collection,
    )

    assert [item.action for item in report.items] == ["updated", "created"]
    pks = sorted(Copy.objects.values_list("pk", flat=True))
    stored = SearchDocument.objects.order_by("copy").values_list(
        "copy", "collection", "title_text", "people_text", "body_text"
    )
    assert list(stored) == sorted(_documents(pks))


def test_a_new_entry_earlier_in_the_file_leaves_the_copies_of_their_own_numbers(
    alice_collection,
):
    apply_records(
        [entry(barcode=SABRINA_EAN, index=3), entry(barcode=SABRINA_EAN, index=7)],
        alice_collection,
    )
    bought = entry(barcode=SABRINA_EAN, index=2, owner="new")
    three, seven = (entry(barcode=SABRINA_EAN, index=n, owner=str(n)) for n in (3, 7))

    report = apply_records([bought, three, seven], alice_collection)

    assert [item.action for item in report.items] == ["created", "updated", "updated"]
    assert dict(Copy.objects.values_list("index", "owner")) == {2: "new", 3: "3", 7: "7"}


def test_the_same_source_id_chooses_before_a_looser_match(alice_collection):
    apply_records(
        [entry(barcode=SABRINA_EAN, index=1, source_id="16")], alice_collection, source_key="clz"
    )
    second = entry(barcode=SABRINA_EAN, index=2, owner="second", source_id="16.1")
    first = entry(barcode=SABRINA_EAN, owner="first", source_id="16")  # no number to go by

    apply_records([second, first], alice_collection, source_key="clz")

    copies = Copy.objects.values_list("index", "source_id", "owner")
    assert {index: rest for index, *rest in copies} == {1: ["16", "first"], 2: ["16.1", "second"]}


def test_entries_of_one_source_id_each_find_a_copy_of_it(alice_collection):
    apply_records([entry(source_id="A", index=1)], alice_collection, source_key="clz")
    apply_records(
        [entry(source_id="A", index=1)], alice_collection, source_key="clz", on_duplicate="add"
    )
    retitled = [entry("Sabrina (1954)", source_id="A", index=n) for n in (1, 2)]

    report = apply_records(retitled, alice_collection, source_key="clz")

    assert (report.count("created"), report.count("updated")) == (0, 2)
    titles = Copy.objects.values_list("edition__edition_works__work__title", flat=True)
    assert set(titles) == {"Sabrina (1954)"}
