"""TMDb: every field of the recorded answers lands where cinecat keeps it."""

import datetime as dt

import pytest

from cinecat.catalog.records import CreditRecord, EditionRecord, PlotRecord
from cinecat.metadata.base import BadKey, BadResponse, NotFound, Release
from cinecat.metadata.models import CachedResponse
from cinecat.metadata.tmdb import APPEND, TmdbProvider, credentials

from .conftest import TMDB, V3_KEY, fight_club, recorded

pytestmark = pytest.mark.django_db

V4_TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJhdWQiOiIwMTIzIiwic3ViIjoiYWxpY2UifQ.c2lnbmF0dXJlX29mX2FsaWNl"


def test_a_v3_key_goes_as_the_api_key_parameter():
    assert credentials(V3_KEY) == ({"api_key": V3_KEY}, {})


def test_a_v4_token_goes_as_a_bearer_header():
    assert credentials(V4_TOKEN) == ({}, {"Authorization": f"Bearer {V4_TOKEN}"})


def test_a_key_of_neither_form_is_refused_before_any_request(settings, network):
    settings.CINECAT_TMDB_API_KEY = "my-password"
    with pytest.raises(BadKey, match="neither a TMDb API key .* nor a read access token"):
        TmdbProvider()
    assert not network.calls


def test_a_v4_token_is_sent_in_the_header_and_never_as_a_parameter(tmdb, settings):
    settings.CINECAT_TMDB_API_KEY = V4_TOKEN
    route = tmdb.get(f"{TMDB}/search/movie").respond(json=recorded("search_movie.json"))
    TmdbProvider().search("Fight Club")
    request = route.calls.last.request
    assert request.headers["Authorization"] == f"Bearer {V4_TOKEN}"
    assert "api_key" not in request.url.params


def test_search_asks_for_the_title_and_year_with_the_key(tmdb):
    route = tmdb.get(f"{TMDB}/search/movie").respond(json=recorded("search_movie.json"))
    TmdbProvider().search("  Fight Club ", year=1999)
    params = route.calls.last.request.url.params
    assert dict(params) == {"query": "Fight Club", "year": "1999", "api_key": V3_KEY}


def test_search_results_become_candidates_with_a_poster_thumbnail(tmdb):
    tmdb.get(f"{TMDB}/search/movie").respond(json=recorded("search_movie.json"))
    candidates = TmdbProvider().search("Fight Club")
    assert len(candidates) == 20
    first = candidates[0]
    assert (first.provider, first.id, first.title, first.original_title, first.year) == (
        "tmdb", "550", "Fight Club", "Fight Club", 1999,
    )  # fmt: skip
    assert first.poster_thumbnail_url == (
        "https://image.tmdb.org/t/p/w185/pB8BM7pdSp6B6Ih7QZ4DrQ3PmJK.jpg"
    )
    assert first.director == ""  # TMDb's search results name no director
    russian = next(c for c in candidates if c.id == "973534")
    assert russian.original_title == "Бойцовский клуб (русская версия)"
    assert russian.year is None  # release_date ""
    assert russian.poster_thumbnail_url == ""  # poster_path null


def test_no_results_are_no_candidates(tmdb):
    empty = {"page": 1, "results": [], "total_pages": 0, "total_results": 0}
    tmdb.get(f"{TMDB}/search/movie").respond(json=empty)
    assert TmdbProvider().search("Zzyzx Road Nowhere") == []


def test_an_answer_without_results_is_a_bad_response(tmdb):
    tmdb.get(f"{TMDB}/search/movie").respond(json={"page": 1})
    with pytest.raises(BadResponse, match="no list of results"):
        TmdbProvider().search("Fight Club")


def test_an_imdb_id_is_searched_with_find(tmdb):
    route = tmdb.get(f"{TMDB}/find/tt0499549").respond(json=recorded("find_movie_results.json"))
    [avatar] = TmdbProvider().search("tt0499549")
    assert (avatar.id, avatar.title, avatar.year) == ("19995", "Avatar", 2009)
    assert route.calls.last.request.url.params["external_source"] == "imdb_id"


def test_fetch_asks_for_the_film_with_its_parts_appended(tmdb):
    route = tmdb.get(f"{TMDB}/movie/550").respond(json=fight_club())
    TmdbProvider().fetch("550")
    assert route.calls.last.request.url.params["append_to_response"] == APPEND


def test_fight_club_maps_field_by_field(tmdb):
    tmdb.get(f"{TMDB}/movie/550").respond(json=fight_club())
    found = TmdbProvider().fetch("550")
    work = found.work
    assert (work.title, work.sort_title, work.original_title) == (
        "Fight Club", "Fight Club", "Fight Club",
    )  # fmt: skip
    assert (work.year, work.runtime_minutes) == (1999, 139)
    assert work.genres == ("Drama", "Thriller", "Comedy")
    assert work.countries == ("Germany", "United States of America")
    assert work.languages == ("English",)
    assert work.plots == (
        PlotRecord(recorded("movies_details.json")["overview"], author="TMDb", kind="summary"),
    )
    assert work.trailer_url == "https://www.youtube.com/watch?v=BdJKm16Co6M"  # the official one
    assert (work.imdb_id, work.tmdb_id) == ("tt0137523", 550)
    assert found.record.edition == EditionRecord(rating_country="US", rating="R")


def test_fight_club_cast_comes_in_billing_order_with_characters(tmdb):
    tmdb.get(f"{TMDB}/movie/550").respond(json=fight_club())
    credits = TmdbProvider().fetch("550").work.credits
    cast = [credit for credit in credits if credit.role == "cast"]
    assert len(cast) == 76
    assert cast[:3] == [
        CreditRecord("Edward Norton", "The Narrator"),
        CreditRecord("Brad Pitt", "Tyler Durden"),
        CreditRecord("Helena Bonham Carter", "Marla Singer"),
    ]
    assert cast[3] == CreditRecord("Meat Loaf", 'Robert "Bob" Paulson')


def test_fight_club_crew_is_kept_by_job(tmdb):
    tmdb.get(f"{TMDB}/movie/550").respond(json=fight_club())
    credits = TmdbProvider().fetch("550").work.credits
    crew = [(credit.name, credit.job) for credit in credits if credit.role == "crew"]
    assert crew == [
        ("David Fincher", "Director"),
        ("Jim Uhls", "Writer"),  # Screenplay
        ("Art Linson", "Producer"),
        ("Ross Grayson Bell", "Producer"),
        ("Ceán Chaffin", "Producer"),
        ("John King", "Composer"),  # Original Music Composer
        ("Michael Simpson", "Composer"),
        ("Jeff Cronenweth", "Director of Photography"),
    ]


def test_fight_club_extras_beside_the_record(tmdb):
    tmdb.get(f"{TMDB}/movie/550").respond(json=fight_club())
    found = TmdbProvider().fetch("550")
    assert found.poster_url == "https://image.tmdb.org/t/p/original/pB8BM7pdSp6B6Ih7QZ4DrQ3PmJK.jpg"
    assert found.poster_thumbnail_url.endswith("/w185/pB8BM7pdSp6B6Ih7QZ4DrQ3PmJK.jpg")
    assert found.tagline == "Mischief. Mayhem. Soap."
    assert found.studios == (
        "Regency Enterprises", "Fox 2000 Pictures", "Taurus Film", "Atman Entertainment",
        "Knickerbocker Films", "The Linson Company", "20th Century Fox",
    )  # fmt: skip
    assert found.collection == "Kung Fu Panda Collection"  # as recorded
    assert found.releases == ()  # no physical release in the US
    assert found.source_url == "https://www.themoviedb.org/movie/550"
    assert "uses the TMDB API but is not endorsed or certified by TMDB" in found.attribution


def test_in_france_the_physical_releases_date_the_edition(tmdb, settings):
    settings.CINECAT_COUNTRY = "FR"
    tmdb.get(f"{TMDB}/movie/550").respond(json=fight_club())
    found = TmdbProvider().fetch("550")
    assert found.releases == (
        Release(dt.date(2000, 11, 15), "DVD", "16"),
        Release(dt.date(2009, 11, 25), "Blu-Ray", "16"),
    )
    assert found.record.edition == EditionRecord(
        rating_country="FR", rating="16", release_date=dt.date(2000, 11, 15)
    )
    assert found.release_note == "DVD"
    blu_ray = found.for_release("Blu-ray")
    assert blu_ray.record.edition.format == "Blu-ray"
    assert blu_ray.record.edition.release_date == dt.date(2009, 11, 25)
    assert blu_ray.release_note == "Blu-Ray"


def test_a_country_without_a_rating_gives_none(tmdb, settings):
    settings.CINECAT_COUNTRY = "SK"  # a release with no certification
    tmdb.get(f"{TMDB}/movie/550").respond(json=fight_club())
    edition = TmdbProvider().fetch("550").record.edition
    assert (edition.rating_country, edition.rating) == ("", "")


def test_an_appended_answer_of_a_german_film_maps_too(tmdb, settings):
    settings.CINECAT_COUNTRY = "DE"
    body = recorded("movies_details_with_append_to_response.json")
    tmdb.get(f"{TMDB}/movie/12313").respond(json=body)
    found = TmdbProvider().fetch("12313")
    work = found.work
    assert (work.title, work.original_title, work.year) == ("Rock Crystal", "Bergkristall", 2004)
    assert work.countries == ("Austria", "Germany")
    assert work.languages == ("German",)  # the English name, not "Deutsch"
    assert work.trailer_url == ""  # a teaser only
    assert work.credits[0] == CreditRecord("Dana Vávrová", "Susanne")
    crew = [(c.name, c.job) for c in work.credits if c.role == "crew"]
    assert crew == [
        ("Joseph Vilsmaier", "Director"),
        ("Klaus Richter", "Writer"),
        ("Joseph Vilsmaier", "Producer"),
        ("Markus Zimmer", "Producer"),
        ("Christian Heyne", "Composer"),  # "Music"
        ("Stefan Busch", "Composer"),
        ("Joseph Vilsmaier", "Director of Photography"),
    ]
    assert (found.record.edition.rating_country, found.record.edition.rating) == ("DE", "6")
    assert found.tagline == ""
    assert found.studios == (
        "Clasart Film- und Fernsehproduktion", "Perathon Film-und Fernsehproduktions", "ARD", "ATV",
    )  # fmt: skip


def test_fetch_by_imdb_id_finds_the_film_first(tmdb):
    tmdb.get(f"{TMDB}/find/tt0137523").respond(
        json={"movie_results": [{"id": 550, "title": "Fight Club", "release_date": "1999-10-15"}]}
    )
    tmdb.get(f"{TMDB}/movie/550").respond(json=fight_club())
    assert TmdbProvider().fetch("tt0137523").work.tmdb_id == 550


def test_a_film_tmdb_lacks_is_not_found_by_its_id(tmdb):
    missing = {
        "status_code": 34,
        "status_message": "The resource you requested could not be found.",
    }
    tmdb.get(f"{TMDB}/movie/99999999").respond(404, json=missing)
    with pytest.raises(NotFound, match="TMDb has no film 99999999"):
        TmdbProvider().fetch("99999999")


def test_an_id_that_is_no_number_is_refused(tmdb):
    with pytest.raises(NotFound, match="'Fight Club' is not a TMDb film id"):
        TmdbProvider().fetch("Fight Club")


def test_the_cache_keeps_what_was_asked_but_never_the_key(tmdb):
    tmdb.get(f"{TMDB}/search/movie").respond(json=recorded("search_movie.json"))
    TmdbProvider().search("Fight Club", year=1999)
    requests = set(CachedResponse.objects.values_list("request", flat=True))
    assert requests == {"configuration", "search/movie?query=Fight+Club&year=1999"}
    assert not CachedResponse.objects.filter(body__contains=V3_KEY).exists()
