"""Alice updates a copy's film from TMDb: what she ticks is written, what she wrote stays."""

import io

import pytest
from PIL import Image

from cinecat.catalog import services as catalog_services
from cinecat.catalog.models import ChangeAction, Copy
from cinecat.catalog.records import CreditRecord, PlotRecord, Record, WorkRecord
from cinecat.metadata import updating
from cinecat.metadata.differences import gaps
from cinecat.metadata.tmdb import TmdbProvider

from .conftest import TMDB, fight_club, recorded

pytestmark = pytest.mark.django_db
POSTER = "https://image.tmdb.org/t/p/original/pB8BM7pdSp6B6Ih7QZ4DrQ3PmJK.jpg"


def jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (200, 300), "darkred").save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture
def typed_by_hand(alice_collection) -> Copy:
    """Alice typed Fight Club herself: its year, her runtime and plot, and its director."""
    work = WorkRecord(
        "Fight Club",
        year=1999,
        runtime_minutes=151,
        plots=(PlotRecord("Soap, and what it is made of.", author="Alice"),),
        credits=(CreditRecord("David Fincher", job="Director", role="crew"),),
    )
    return catalog_services.add_entry(alice_collection, Record(works=(work,)))


@pytest.fixture
def fight_club_at_tmdb(tmdb):
    return tmdb.get(f"{TMDB}/movie/550").respond(json=fight_club())


def found():
    return TmdbProvider().fetch("550")


def test_the_fields_alice_left_empty_are_filled_and_hers_stay(
    typed_by_hand, fight_club_at_tmdb, network
):
    network.get(POSTER).respond(200, content=jpeg(), content_type="image/jpeg")
    proposal = updating.propose(typed_by_hand, found())
    keys = gaps(proposal.differences)
    assert "runtime_minutes" not in keys and "plots" not in keys and "cover" in keys
    done = updating.update_copy(typed_by_hand, proposal.found, keys, version=proposal.version)
    work = done.copy.first_work
    assert work.runtime_minutes == 151  # hers
    assert [plot.text for plot in work.plots.all()] == ["Soap, and what it is made of."]
    assert [c.person.name for c in work.cast][:3] == [
        "Edward Norton",
        "Brad Pitt",
        "Helena Bonham Carter",
    ]
    assert (work.imdb_id, work.tmdb_id) == ("tt0137523", 550)
    assert sorted(genre.name for genre in work.genres.all()) == ["Comedy", "Drama", "Thriller"]
    assert done.copy.edition.rating == "R"
    assert done.copy.edition.covers.filter(side="front").exists()
    assert "Cast" in done.taken and "Runtime" not in done.taken


def test_the_update_is_on_the_copys_history_as_from_tmdb(typed_by_hand, fight_club_at_tmdb):
    entry = found()
    updating.update_copy(typed_by_hand, entry, {"cast", "genres"}, version=None)
    change = typed_by_hand.changes.first()
    assert change.action == ChangeAction.TMDB
    assert change.get_action_display() == "Updated from TMDb"
    assert "Genres" in change.changes and "Cast" in change.changes
    assert "Runtime" not in change.changes


def test_a_field_she_ticks_replaces_hers_and_her_plot_stays_beside_theirs(
    typed_by_hand, fight_club_at_tmdb
):
    done = updating.update_copy(typed_by_hand, found(), {"runtime_minutes", "plots"}, version=None)
    work = done.copy.first_work
    assert work.runtime_minutes == 139
    assert [plot.author for plot in work.plots.all()] == ["TMDb", "Alice"]


def test_a_copy_changed_since_the_page_was_opened_is_not_updated(typed_by_hand, fight_club_at_tmdb):
    proposal = updating.propose(typed_by_hand, found())
    catalog_services.seen_today(typed_by_hand)
    with pytest.raises(catalog_services.EditConflict):
        updating.update_copy(typed_by_hand, proposal.found, {"genres"}, version=proposal.version)
    assert not typed_by_hand.first_work.genres.exists()


def test_a_poster_that_cannot_be_had_is_left_out_with_a_warning(
    typed_by_hand, fight_club_at_tmdb, network
):
    network.get(POSTER).respond(404)
    done = updating.update_copy(typed_by_hand, found(), {"cover", "genres"}, version=None)
    assert done.warnings and done.warnings[0].startswith("The poster was not taken:")
    assert not done.copy.edition.covers.exists()
    assert done.copy.first_work.genres.count() == 3


def test_the_film_is_fetched_by_the_tmdb_id_it_has(alice_collection, fight_club_at_tmdb, tmdb):
    search = tmdb.get(f"{TMDB}/search/movie").respond(json=recorded("search_movie.json"))
    work = WorkRecord("Fight Club", year=1999, tmdb_id=550)
    assert updating.find_entry(work, "tmdb").id == "550"
    assert not search.called


def test_without_an_id_the_one_film_of_its_title_and_year_is_taken(fight_club_at_tmdb, tmdb):
    tmdb.get(f"{TMDB}/search/movie").respond(json=recorded("search_movie.json"))
    assert updating.find_entry(WorkRecord("Fight Club", year=1999), "tmdb").id == "550"


def test_a_title_that_leaves_doubt_finds_nothing_to_take(tmdb):
    tmdb.get(f"{TMDB}/search/movie").respond(json=recorded("search_movie.json"))
    assert updating.find_entry(WorkRecord("Fight"), "tmdb") is None


def test_an_update_from_the_imdb_datasets_says_so(alice_collection, imdb_loaded):
    copy = catalog_services.add_entry(
        alice_collection, Record(works=(WorkRecord("The Death of Stalin", year=2017),))
    )
    assert updating.update_providers() == ["imdb"]
    entry = updating.find_entry(updating.history.record_of(copy).works[0], "imdb")
    updating.update_copy(copy, entry, {"cast", "imdb_id"}, version=None)
    assert copy.changes.first().get_action_display() == "Updated from IMDb's datasets"
    assert copy.first_work.imdb_id == "tt4686844"
