"""Browsing Alice's shelves: filters with exact counts, folders, views, jump to a copy."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cinecat.catalog import services
from cinecat.catalog.models import Copy
from cinecat.catalog.records import (
    CopyRecord,
    CreditRecord,
    EditionRecord,
    LoanRecord,
    Record,
    WorkRecord,
)
from cinecat.interchange.writer import apply_records
from cinecat.search import revision
from cinecat.search.facets import BY_KEY, Selection, counts, people_folder
from tests.factories import CollectionFactory


def film(
    title,
    year,
    fmt,
    genres,
    *,
    index,
    cast=(),
    director="",
    location=(),
    device="",
    slot="",
    tags=(),
    loaned=False,
    barcode="",
):
    credits = tuple(CreditRecord(name, character) for name, character in cast)
    if director:
        credits += (CreditRecord(director, job="Director", role="crew"),)
    loans = (LoanRecord("Bob"),) if loaned else ()
    return Record(
        works=(WorkRecord(title=title, year=year, genres=genres, credits=credits),),
        edition=EditionRecord(format=fmt, barcode=barcode),
        copy=CopyRecord(
            index=index,
            location=location,
            storage_device=device,
            storage_slot=slot,
            tags=tags,
            loans=loans,
        ),
    )


@pytest.fixture
def shelves(alice_collection):
    apply_records(
        [
            film(
                "Fargo",
                1996,
                "DVD",
                ("Crime", "Drama"),
                index=1,
                cast=[("Steve Buscemi", "Carl")],
                director="Joel Coen",
                location=("Study", "Shelf 1"),
                device="TD 05",
                slot="10",
            ),
            film(
                "The Big Lebowski",
                1998,
                "Blu-ray",
                ("Comedy", "Crime"),
                index=2,
                cast=[("Steve Buscemi", "Donny"), ("Jeff Bridges", "The Dude")],
                director="Joel Coen",
                location=("Study", "Shelf 2"),
                device="TD 05",
                slot="2",
                tags=("Coen",),
            ),
            film(
                "Alien",
                1979,
                "Blu-ray",
                ("Horror",),
                index=3,
                director="Ridley Scott",
                location=("Living room",),
                loaned=True,
                barcode="024543617907",
            ),
            film("Heat", 1995, "DVD", ("Crime",), index=4, cast=[("Al Pacino", "Hanna")]),
        ],
        alice_collection,
    )
    return alice_collection


def buckets(copies, key):
    return {b.label: b.count for b in counts(copies, BY_KEY[key])}


def test_facet_counts_are_exact(shelves):
    copies = Selection({}).apply(shelves.copies.all())
    assert buckets(copies, "format") == {"DVD": 2, "Blu-ray": 2}
    assert buckets(copies, "genre") == {"Crime": 3, "Comedy": 1, "Drama": 1, "Horror": 1}
    assert buckets(copies, "decade") == {"1990s": 3, "1970s": 1}
    assert buckets(copies, "loan") == {"At home": 3, "On loan": 1}
    assert buckets(copies, "storage") == {"TD 05": 2}


def test_filters_combine_and_a_copy_with_two_chosen_genres_is_listed_once(shelves):
    chosen = Selection({"genre": [str(g) for g in _genre_ids("Crime", "Comedy")]})
    assert sorted(chosen.apply(shelves.copies.all()).values_list("index", flat=True)) == [1, 2, 4]
    both = Selection({"genre": chosen.chosen["genre"], "format": ["Blu-ray"]})
    assert list(both.apply(shelves.copies.all()).values_list("index", flat=True)) == [2]


def _genre_ids(*names):
    from cinecat.catalog.models import Genre

    return Genre.objects.filter(name__in=names).values_list("pk", flat=True)


def test_the_year_range_and_decade_narrow_by_the_film_year(shelves):
    params = QueryDict("year_from=1990&year_to=1996")
    found = Selection.from_query(params).apply(shelves.copies.all())
    assert sorted(found.values_list("index", flat=True)) == [1, 4]
    decade = Selection.from_query(QueryDict("decade=1970"))
    assert list(decade.apply(shelves.copies.all()).values_list("index", flat=True)) == [3]


def test_folders_by_actor_count_copies_per_person(shelves):
    folder = people_folder(shelves.copies.all(), "actor")
    assert [(b.label, b.count) for b in folder] == [
        ("Steve Buscemi", 2),
        ("Al Pacino", 1),
        ("Jeff Bridges", 1),
    ]
    assert [(b.label, b.count) for b in people_folder(shelves.copies.all(), "director")] == [
        ("Joel Coen", 2),
        ("Ridley Scott", 1),
    ]


def titles(response) -> list[str]:
    return re.findall(r'class="row-title">([^<]+)<', response.content.decode())


def test_the_url_carries_the_whole_state(client, shelves):
    response = client.get("/c/alice/?q=steve&format=Blu-ray&sort=title")
    assert titles(response) == ["The Big Lebowski"]
    page = response.content.decode()
    assert 'name="format" value="Blu-ray"' in page  # kept for the next search
    assert "for “steve”" in page


def test_search_ranks_title_matches_first(client, shelves):
    assert titles(client.get("/c/alice/?q=alien")) == ["Alien"]
    assert titles(client.get("/c/alice/?q=crime")) == []  # genres are facets, not words


def test_a_scanned_barcode_or_an_index_opens_the_copy(client, shelves):
    assert client.get("/c/alice/?q=024543617907")["Location"] == "/c/alice/3/"
    assert client.get("/c/alice/?q=0024543617907")["Location"] == "/c/alice/3/"
    assert client.get("/c/alice/?q=4")["Location"] == "/c/alice/4/"


def test_a_barcode_owned_only_elsewhere_or_in_the_trash_does_not_jump(client, shelves):
    bob = CollectionFactory(name="Bob's shelves", slug="bob")
    assert client.get("/c/bob/?q=024543617907").status_code == 200  # Alice's disc, not Bob's
    Copy.objects.filter(index=3).update(trashed_at=timezone.now())
    assert client.get("/c/alice/?q=024543617907").status_code == 200
    assert bob.copies.count() == 0


def test_after_an_import_the_planner_has_statistics(shelves):
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'catalog_copy'")
            assert cursor.fetchone()[0] > 0
    else:  # autovacuum would, but only a while later: the import's last step does
        assert connection.vendor == "postgresql"
        with connection.cursor() as cursor:
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'catalog_copy'")
            assert cursor.fetchone()[0] >= Copy.objects.count() > 0


def test_while_typing_a_number_does_not_jump(client, shelves):
    response = client.get("/c/alice/?q=4", headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert b"<html" not in response.content


@pytest.mark.parametrize("view", ["list", "table", "cards", "grid"])
def test_every_view_lists_the_selection(client, shelves, view):
    page = client.get(f"/c/alice/?view={view}&format=DVD").content.decode()
    assert "Fargo" in page and "Heat" in page
    assert "Alien" not in page


def test_the_table_shows_the_columns_picked(client, shelves):
    page = client.get("/c/alice/?view=table&col=title&col=storage&col=slot").content.decode()
    assert re.findall(r'<th scope="col">(?:<a [^>]+>)?([^<]+)<', page) == [
        "Title",
        "Storage device",
        "Slot",
    ]
    assert "TD 05" in page


@pytest.mark.parametrize("picked", ["title", "index", "storage"])
def test_a_table_of_one_column_lists_and_opens_each_copy(client, shelves, picked):
    fargo = Copy.objects.get(edition__edition_works__work__title="Fargo")
    response = client.get(f"/c/alice/?view=table&col={picked}")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'aria-label="Select Fargo"' in page
    assert f'<a href="{fargo.get_absolute_url()}?from=' in page  # its page, knowing the list


@pytest.mark.parametrize("columns", ["col=title&col=genres&col=location&col=storage", "col=index"])
def test_a_page_costs_the_same_queries_for_many_copies(client, shelves, columns):
    with CaptureQueriesContext(connection) as few:
        client.get(f"/c/alice/?view=table&{columns}")
    apply_records(
        [
            film(
                f"Film {n}",
                2000 + n,
                "DVD",
                ("Drama",),
                index=10 + n,
                location=("Attic", "Box"),
                device="Binder",
                slot=str(n),
            )
            for n in range(30)
        ],
        shelves,
    )
    with CaptureQueriesContext(connection) as many:
        client.get(f"/c/alice/?view=table&{columns}")
    assert len(many) == len(few)


def test_a_persons_page_lists_their_roles_in_the_collection(client, shelves):
    from cinecat.catalog.models import Person

    buscemi = Person.objects.get(name="Steve Buscemi")
    page = client.get(f"/c/alice/people/{buscemi.pk}/").content.decode()
    assert "Fargo (1996)" in page and "Carl" in page
    assert "The Big Lebowski (1998)" in page and "Donny" in page
    assert "Heat" not in page


def test_a_storage_device_lists_what_it_holds_by_slot(client, shelves):
    device = Copy.objects.get(index=1).storage_device
    page = client.get(f"/c/alice/storage/{device.pk}/").content.decode()
    assert page.index("The Big Lebowski") < page.index("Fargo")  # slot 2 before slot 10


def test_a_room_lists_what_its_shelves_hold(client, shelves):
    study = Copy.objects.get(index=1).location.parent
    page = client.get(f"/c/alice/locations/{study.pk}/").content.decode()
    assert "Fargo" in page and "The Big Lebowski" in page and "Alien" not in page


def test_facet_counts_load_after_the_list_and_follow_every_change(client, shelves):
    page = client.get("/c/alice/").content.decode()
    assert 'hx-get="/c/alice/facets/?"' in page and 'hx-trigger="load, retry"' in page
    counted = client.get("/c/alice/facets/").content.decode()
    assert re.search(r">DVD</a> <span class=\"n\">2</span>", counted)
    apply_records([film("Ronin", 1998, "DVD", ("Crime",), index=5)], shelves)
    recounted = client.get("/c/alice/facets/").content.decode()
    assert re.search(r">DVD</a> <span class=\"n\">3</span>", recounted)
    services.trash([Copy.objects.get(index=5)])
    assert re.search(
        r">DVD</a> <span class=\"n\">2</span>", client.get("/c/alice/facets/").content.decode()
    )


def test_the_folder_panel_comes_with_the_counts(client, shelves):
    panel = client.get("/c/alice/facets/?folder=actor").content.decode()
    assert "Steve Buscemi" in panel and '<option value="actor" selected>' in panel


def test_counts_stay_true_when_the_cache_loses_the_revision_but_keeps_the_counts(client, shelves):
    counted = client.get("/c/alice/facets/").content.decode()
    assert re.search(r">DVD</a> <span class=\"n\">2</span>", counted)
    cache.delete(revision.KEY)  # as a full file cache culls entries at random
    apply_records([film("Ronin", 1998, "DVD", ("Crime",), index=5)], shelves)
    recounted = client.get("/c/alice/facets/").content.decode()
    assert re.search(r">DVD</a> <span class=\"n\">3</span>", recounted)
    cache.delete(revision.KEY)
    services.trash([Copy.objects.get(index=5)])
    assert re.search(
        r">DVD</a> <span class=\"n\">2</span>", client.get("/c/alice/facets/").content.decode()
    )


@pytest.mark.parametrize(
    "path", ["/c/alice/", "/c/alice/facets/", "/c/alice/print/", "/c/alice/export/"]
)
@pytest.mark.parametrize(
    "query",
    [
        "genre=abc",
        "tag=Favourites",
        "person=x",
        "location=zz",
        "storage=\u00b2",  # a digit to str.isdigit, none to int
        "genre=99999999999999999999",  # past any database's integers
        "location=99999999999999999999",
        "format=%00",  # PostgreSQL refuses a NUL in a query's text
        "owner=a%00b",
    ],
)
def test_a_filter_on_an_id_that_is_no_number_matches_nothing(client, shelves, path, query):
    response = client.get(f"{path}?{query}")
    assert response.status_code == 200
    if path == "/c/alice/":
        assert "0 copies" in response.content.decode()


def test_a_filter_keeps_the_values_that_are_ids(client, shelves):
    (drama,) = _genre_ids("Drama")
    page = client.get(f"/c/alice/?genre={drama}&genre=abc").content.decode()
    assert "0 copies" not in page and "Fargo" in page


@pytest.mark.parametrize("path", ["/c/alice/", "/c/alice/facets/", "/c/alice/print/"])
@pytest.mark.parametrize(
    "query", ["decade=\u00b2", "year_from=\u00b2", "year_to=\u2460", "q=\u00b2", "q=\u2460"]
)
def test_numbers_that_are_no_numbers_are_ignored(client, shelves, path, query):
    response = client.get(f"{path}?{query}")
    assert response.status_code == 200


def test_a_storage_slot_that_looks_like_a_digit_sorts_with_the_words(client, shelves):
    copy = Copy.objects.filter(storage_device__isnull=False).first()
    Copy.objects.filter(pk=copy.pk).update(storage_slot="\u00b2")
    response = client.get(f"/c/alice/storage/{copy.storage_device_id}/")
    assert response.status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/c/alice/99999999999999999999/",
        "/c/alice/covers/99999999999999999999/front/0/",
        "/c/alice/people/99999999999999999999/",
        "/c/alice/imports/99999999999999999999/",
    ],
)
def test_an_id_past_any_databases_integers_is_not_found(client, shelves, path):
    assert client.get(path).status_code == 404
