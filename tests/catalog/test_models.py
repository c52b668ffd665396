import pytest
from django.db import IntegrityError

from cinecat.catalog.models import Location, Work
from tests.factories import CopyFactory


def test_titles_starting_with_an_article_sort_by_the_next_word(db):
    work = Work.objects.create(title="The Death Of Stalin")
    assert work.sort_title == "Death Of Stalin, The"


def test_a_new_copy_gets_the_next_free_index(alice_collection):
    CopyFactory(collection=alice_collection, index=1279)
    assert CopyFactory(collection=alice_collection).index == 1280


def test_the_first_copy_of_a_collection_is_number_one(alice_collection):
    assert CopyFactory(collection=alice_collection).index == 1


def test_two_copies_cannot_share_an_index_in_one_collection(alice_collection):
    CopyFactory(collection=alice_collection, index=7)
    with pytest.raises(IntegrityError):
        CopyFactory(collection=alice_collection, index=7)


def test_two_collections_may_use_the_same_index(alice_collection):
    CopyFactory(collection=alice_collection, index=7)
    assert CopyFactory(index=7).index == 7


def test_saving_a_copy_stamps_its_modified_date_and_version(alice_collection):
    copy = CopyFactory(collection=alice_collection)
    before = (copy.modified_at, copy.version)
    copy.notes = "Slipcover"
    copy.save()
    assert copy.version == before[1] + 1
    assert copy.modified_at > before[0]


def test_an_import_keeps_the_modified_date_it_was_given(alice_collection):
    copy = CopyFactory(collection=alice_collection)
    stamped = copy.modified_at
    copy.save(touch=False)
    assert copy.modified_at == stamped


def test_nested_locations_read_as_a_path(alice_collection):
    room = Location.objects.create(collection=alice_collection, name="Living room")
    shelf = Location.objects.create(collection=alice_collection, name="Shelf 2", parent=room)
    assert shelf.path == "Living room › Shelf 2"


def test_runtime_and_countries_read_as_the_facts_line(db):
    work = Work.objects.create(title="Alien", runtime_minutes=117, colour="Color")
    assert work.facts_line == "Color | 01:57"
