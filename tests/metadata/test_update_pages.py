"""The update page of a copy: TMDb's film beside Alice's, field by field; she takes the ticked."""

import re

import pytest

from cinecat.catalog import services as catalog_services
from cinecat.catalog.records import CreditRecord, PlotRecord, Record, WorkRecord

from .conftest import TMDB, fight_club, recorded
from .test_updating import jpeg

pytestmark = pytest.mark.django_db
PAGE = "/c/alice/1/update/"


@pytest.fixture
def fight_club_copy(alice_collection):
    work = WorkRecord(
        "Fight Club",
        year=1999,
        runtime_minutes=151,
        tmdb_id=550,
        plots=(PlotRecord("Soap, and what it is made of.", author="Alice"),),
        credits=(CreditRecord("David Fincher", job="Director", role="crew"),),
    )
    return catalog_services.add_entry(alice_collection, Record(works=(work,)))


@pytest.fixture
def at_tmdb(tmdb):
    tmdb.get(f"{TMDB}/movie/550").respond(json=fight_club())
    tmdb.get(url__regex=r"https://image\.tmdb\.org/.*").respond(
        content=jpeg(), content_type="image/jpeg"
    )
    return tmdb


def row(page: str, key: str) -> str:
    found = re.search(rf'<tr[^>]*>\s*<td><input[^>]*value="{key}"[^>]*>.*?</tr>', page, re.S)
    assert found, f"no row for {key}"
    return found.group(0)


def test_the_copy_page_offers_an_update_only_when_a_service_is_set_up(
    client, fight_club_copy, settings
):
    settings.CINECAT_TMDB_API_KEY = ""
    assert "Update from" not in client.get("/c/alice/1/").content.decode()
    assert client.get(PAGE).status_code == 404
    settings.CINECAT_TMDB_API_KEY = "0123456789abcdef0123456789abcdef"
    assert f'href="{PAGE}">Update from TMDb' in client.get("/c/alice/1/").content.decode()


def test_the_page_ticks_what_she_left_empty_and_not_what_she_wrote(
    client, fight_club_copy, at_tmdb
):
    page = client.get(PAGE).content.decode()
    assert "Update #1 Fight Club from TMDb" in page
    assert "checked" in row(page, "cast") and "Edward Norton (The Narrator)" in row(page, "cast")
    runtime = row(page, "runtime_minutes")
    assert "checked" not in runtime and "151" in runtime and "139" in runtime
    assert "checked" not in row(page, "plots")
    assert "checked" not in row(page, "crew")  # she named the director: theirs is offered
    assert 'value="title"' not in page and 'value="year"' not in page  # the same
    assert "This product uses the TMDB API but is not endorsed or certified by TMDB." in page


def test_taking_the_ticked_fields_writes_them_alone_and_says_so_in_the_history(
    client, fight_club_copy, at_tmdb
):
    version = fight_club_copy.version
    response = client.post(
        PAGE, {"take": ["cast", "genres", "cover"], "version": version}, follow=True
    )
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == "/c/alice/1/"
    assert "#1 updated from TMDb: Genres, Cast, Front cover." in page
    assert "Updated from TMDb" in page  # the history
    assert "Edward Norton" in page and 'alt="Front cover of Fight Club"' in page
    work = fight_club_copy.first_work
    assert work.runtime_minutes == 151 and work.plots.get().author == "Alice"


def test_nothing_ticked_takes_nothing_and_says_so(client, fight_club_copy, at_tmdb):
    response = client.post(PAGE, {"version": fight_club_copy.version})
    assert response.status_code == 400
    assert "Nothing was taken: tick the fields to take first." in response.content.decode()
    assert not fight_club_copy.first_work.genres.exists()


def test_a_copy_changed_since_the_page_was_opened_is_not_updated(client, fight_club_copy, at_tmdb):
    opened = fight_club_copy.version
    client.post("/c/alice/1/seen/")
    response = client.post(PAGE, {"take": ["genres"], "version": opened})
    assert response.status_code == 400
    page = response.content.decode()
    assert "#1 was changed meanwhile; nothing was taken." in page
    assert not fight_club_copy.first_work.genres.exists()
    now = re.search(r'name="version" value="(\d+)"', page).group(1)
    assert int(now) != opened  # the page shows the copy as it is now: taken this time
    assert client.post(PAGE, {"take": ["genres"], "version": now}).status_code == 302
    assert fight_club_copy.first_work.genres.count() == 3


def test_a_film_without_an_id_lists_the_films_of_its_title_to_pick(client, alice_collection, tmdb):
    catalog_services.add_entry(alice_collection, Record(works=(WorkRecord("Fight Club"),)))
    tmdb.get(f"{TMDB}/search/movie").respond(json=recorded("search_movie.json"))
    page = client.get(PAGE).content.decode()
    assert "Which film is #1 Fight Club?" in page
    assert 'href="?provider=tmdb&amp;film=1&amp;id=550"' in page


def test_a_service_that_refuses_sends_her_back_to_the_copy_saying_why(
    client, fight_club_copy, tmdb
):
    tmdb.get(f"{TMDB}/movie/550").respond(401, json={"status_message": "Invalid API key"})
    response = client.get(PAGE, follow=True)
    assert response.redirect_chain[-1][0] == "/c/alice/1/"
    assert "TMDb could not be asked:" in response.content.decode()


def test_a_film_the_copy_does_not_have_is_not_found(client, fight_club_copy, at_tmdb):
    assert client.get(f"{PAGE}?film=2").status_code == 404
    assert client.get(f"{PAGE}?provider=imdb").status_code == 404  # not set up


def test_each_film_of_a_box_set_is_updated_on_its_own(client, alice_collection, at_tmdb):
    films = (WorkRecord("Heat", year=1995), WorkRecord("Fight Club", year=1999, tmdb_id=550))
    copy = catalog_services.add_entry(alice_collection, Record(works=films))
    assert f'href="{PAGE}?film=2">update from TMDb' in client.get("/c/alice/1/").content.decode()
    page = client.get(f"{PAGE}?film=2").content.decode()
    assert "Update #1 Fight Club from TMDb" in page
    client.post(f"{PAGE}?film=2", {"take": ["genres"], "version": copy.version})
    links = copy.edition.edition_works.order_by("order")
    heat, fight_club = (link.work for link in links)
    assert not heat.genres.exists() and fight_club.genres.count() == 3
