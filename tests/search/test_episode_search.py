"""Search finds a season box by an episode's title and points at the disc that holds it."""

import re
from dataclasses import replace

import pytest

from cinecat.catalog.models import Copy
from cinecat.catalog.records import Record, WorkRecord
from cinecat.interchange.writer import apply_records
from cinecat.search.full_text import search
from cinecat.search.index import reindex
from cinecat.search.models import SearchDocument
from tests.catalog.test_pages import visible_text
from tests.seasons import smallville_season


@pytest.fixture
def shelves(alice_collection):
    heat = Record(works=(WorkRecord("Heat", year=1995),))
    apply_records([smallville_season(), heat], alice_collection)
    return alice_collection


def found(collection, query: str) -> list[str]:
    return [copy.first_work.title for copy in search(collection.copies.all(), query)]


def test_an_episode_title_finds_its_season_box(shelves):
    assert found(shelves, "ambush") == ["Smallville: Season 10"]
    assert found(shelves, "smallville homecom") == ["Smallville: Season 10"]
    assert found(shelves, "heat ambush") == []


def test_a_document_read_back_holds_the_episodes_as_the_imports_did(shelves):
    written = dict(SearchDocument.objects.values_list("copy", "body_text"))
    assert "lazarus shield supergirl" in written[Copy.objects.get(index=1).pk]
    reindex(Copy.objects.values_list("pk", flat=True))
    assert dict(SearchDocument.objects.values_list("copy", "body_text")) == written


def test_an_episode_renamed_by_an_import_is_found_by_its_new_title(shelves):
    record = smallville_season()
    work = record.works[0]
    episodes = (*work.episodes[:6], replace(work.episodes[6], title="Lex's wedding"))
    apply_records([replace(record, works=(replace(work, episodes=episodes),))], shelves)
    assert found(shelves, "wedding") == ["Smallville: Season 10"]
    assert found(shelves, "ambush") == []


def hits(client, query: str) -> list[tuple[str, str]]:
    content = client.get("/c/alice/", {"q": query}).content.decode()
    block = re.findall(r'<ul class="episode-hits".*?</ul>', content, re.S)
    return re.findall(r'<a href="([^"]+)">([^<]+)</a>', " ".join(block))


def test_the_list_names_the_episode_found_and_links_to_its_disc(client, shelves):
    assert hits(client, "ambush") == [
        ("/c/alice/1/?disc=3&amp;episode=7#episode-7", "Disc 3: 10.07 Ambush")
    ]
    assert hits(client, "smallville shield") == [
        ("/c/alice/1/?disc=1&amp;episode=2#episode-2", "Disc 1: 10.02 Shield")
    ]


def test_a_search_for_the_box_itself_names_no_episode(client, shelves):
    assert hits(client, "smallville") == []
    text = visible_text(client.get("/c/alice/", {"q": "smallville"}).content)
    assert "Smallville: Season 10" in text


def test_the_link_opens_the_disc_at_the_episode(client, shelves):
    page = client.get("/c/alice/1/?disc=3&episode=7").content.decode()
    assert '<details class="disc" id="disc-3" open>' in page
    assert '<li id="episode-7" class="found" aria-current="true">' in page


def test_the_facets_count_films_and_series_and_narrow_to_either(client, shelves):
    counted = client.get("/c/alice/facets/").content.decode()
    assert re.search(r">Series</a> <span class=\"n\">1</span>", counted)
    assert re.search(r">Film</a> <span class=\"n\">1</span>", counted)
    text = visible_text(client.get("/c/alice/", {"kind": "series"}).content)
    assert "Smallville: Season 10" in text and "Heat" not in text
    assert "Films or series: Series" in text  # the chip that takes itself off


def test_a_guest_star_finds_the_episode_they_are_in_and_its_disc(client, shelves):
    assert hits(client, "vandervoort") == [
        ("/c/alice/1/?disc=1&amp;episode=3#episode-3", "Disc 1: 10.03 Supergirl")
    ]
    assert hits(client, "lex luthor") == [
        ("/c/alice/1/?disc=1&amp;episode=1#episode-1", "Disc 1: 10.01 Lazarus")
    ]
