"""Alice narrows her shelves to the films she has not seen, and lets cinecat pick tonight's."""

import random

import pytest
from django.http import QueryDict

from cinecat.catalog.models import Copy, CopyStatus
from cinecat.search.facets import BY_KEY, Selection, counts
from cinecat.search.tonight import pick_unseen
from tests.factories import CopyFactory, EditionFactory, WorkFactory


@pytest.fixture
def shelves(alice_collection):
    """Fargo and Heat seen; Alien, Brazil and Casablanca not yet; a wish not on the shelf."""
    made = {}
    for title, year, seen in [
        ("Fargo", 1996, 2),
        ("Heat", 1995, 1),
        ("Alien", 1979, 0),
        ("Brazil", 1985, 0),
        ("Casablanca", 1942, 0),
    ]:
        edition = EditionFactory(works=[WorkFactory(title=title, year=year)])
        made[title] = CopyFactory(collection=alice_collection, edition=edition, viewings=seen)
    wish = EditionFactory(works=[WorkFactory(title="Ran", year=1985)])
    CopyFactory(collection=alice_collection, edition=wish, status=CopyStatus.WISH_LIST)
    return made


def on_the_shelf(collection):
    return Selection.from_query(QueryDict()).apply(collection.copies.all())


def titles(copies):
    return sorted(copy.first_work.title for copy in copies)


def test_the_seen_facet_counts_seen_and_not_seen_copies_of_the_shelf(shelves, alice_collection):
    copies = Selection.from_query(QueryDict()).apply(alice_collection.copies.all())
    assert {b.label: b.count for b in counts(copies, BY_KEY["seen"])} == {
        "Not seen yet": 3,
        "Seen": 2,
    }
    assert {b.value for b in counts(copies, BY_KEY["seen"])} == {"yes", "no"}


def test_seen_no_lists_the_unwatched_and_seen_yes_the_watched(shelves, alice_collection):
    def listed(query):
        return titles(Selection.from_query(QueryDict(query)).apply(alice_collection.copies.all()))

    assert listed("seen=no") == ["Alien", "Brazil", "Casablanca"]
    assert listed("seen=yes") == ["Fargo", "Heat"]


def test_the_list_page_filters_by_seen_and_names_the_filter_in_a_chip(client, shelves):
    text = client.get("/c/alice/?seen=no").content.decode()
    assert "Seen: Not seen yet" in text
    assert "Alien" in text and "Fargo" not in text
    assert 'href="/c/alice/tonight/?seen=no"' in text


def test_tonight_picks_only_films_not_seen_yet_and_each_of_them_in_time(shelves, alice_collection):
    rng = random.Random(17)
    shelf = on_the_shelf(alice_collection)
    picked = {pick_unseen(shelf, rng=rng).copy.pk for _ in range(40)}
    assert picked == {shelves[t].pk for t in ("Alien", "Brazil", "Casablanca")}


def test_another_never_picks_the_same_film_again_while_there_are_others(shelves, alice_collection):
    copies = on_the_shelf(alice_collection)
    before = shelves["Alien"].pk
    for seed in range(20):
        pick = pick_unseen(copies, besides=before, rng=random.Random(seed))
        assert pick.copy.pk != before and pick.unseen == 3
    only = copies.filter(pk=before)
    assert pick_unseen(only, besides=before).copy.pk == before  # the only one: it again


def test_nothing_to_pick_when_every_film_was_seen(shelves, alice_collection):
    Copy.objects.update(viewings=1)
    pick = pick_unseen(on_the_shelf(alice_collection))
    assert (pick.copy, pick.unseen) == (None, 0)


def test_the_tonight_page_picks_within_the_current_filter_and_offers_another(client, shelves):
    alien = shelves["Alien"]
    query = f"decade=1970&after={alien.pk}"  # "another" asked with the only match: it again
    text = client.get(f"/c/alice/tonight/?{query}").content.decode()
    assert "Alien" in text and "among 1 film not seen yet in this list" in text
    assert "Another" not in text
    text = client.get("/c/alice/tonight/?seen=no&page=3").content.decode()
    assert "among 3 films not seen yet in this list" in text
    assert "?seen=no&amp;after=" in text and "page=3" not in text


def test_the_tonight_page_says_so_when_everything_was_seen(client, shelves):
    Copy.objects.update(viewings=1)
    text = client.get("/c/alice/tonight/").content.decode()
    assert "Every film in the collection has been seen" in text
