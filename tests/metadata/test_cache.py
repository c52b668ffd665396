"""The cache: one request a day at most, never an answer older than six months."""

import datetime as dt

import httpx
import pytest
from django.utils import timezone

from cinecat.metadata import cache
from cinecat.metadata.base import NoNetwork
from cinecat.metadata.models import CachedResponse
from cinecat.metadata.tmdb import TmdbProvider

from .conftest import TMDB, fight_club, recorded

pytestmark = pytest.mark.django_db


def age(days: float) -> None:
    """Make every cached answer ``days`` old."""
    CachedResponse.objects.update(fetched_at=timezone.now() - dt.timedelta(days=days))


@pytest.fixture
def film(tmdb):
    return tmdb.get(f"{TMDB}/movie/550").respond(json=fight_club())


def test_the_same_film_within_a_day_is_not_asked_again(film):
    first = TmdbProvider().fetch("550")
    age(0.9)
    second = TmdbProvider().fetch("550")
    assert film.call_count == 1
    assert second == first


def test_the_same_search_within_a_day_is_not_asked_again(tmdb):
    route = tmdb.get(f"{TMDB}/search/movie").respond(json=recorded("search_movie.json"))
    TmdbProvider().search("Fight Club", year=1999)
    TmdbProvider().search("Fight Club", year=1999)
    assert route.call_count == 1
    TmdbProvider().search("Fight Club", year=2000)  # another question
    assert route.call_count == 2


def test_an_answer_a_day_old_is_asked_again(film):
    TmdbProvider().fetch("550")
    age(1.1)
    TmdbProvider().fetch("550")
    assert film.call_count == 2
    fresh = CachedResponse.objects.get(request__startswith="movie/550")
    assert timezone.now() - fresh.fetched_at < dt.timedelta(minutes=1)


def test_refresh_asks_again_whatever_the_age(film):
    TmdbProvider().fetch("550")
    TmdbProvider(refresh=True).fetch("550")
    assert film.call_count == 2


def test_an_older_answer_is_served_while_the_service_cannot_be_reached(film):
    expected = TmdbProvider().fetch("550")
    age(30)
    film.mock(side_effect=httpx.ConnectError("offline"))
    assert TmdbProvider().fetch("550") == expected


def test_an_answer_older_than_six_months_is_never_served(film):
    TmdbProvider().fetch("550")
    age(183)
    film.mock(side_effect=httpx.ConnectError("offline"))
    with pytest.raises(NoNetwork):
        TmdbProvider().fetch("550")


def test_answers_older_than_six_months_are_deleted_as_new_ones_come(tmdb, film):
    TmdbProvider().fetch("550")
    age(200)
    tmdb.get(f"{TMDB}/search/movie").respond(json=recorded("search_movie.json"))
    TmdbProvider().search("Fight Club")
    requests = set(CachedResponse.objects.values_list("request", flat=True))
    assert requests == {"configuration", "search/movie?query=Fight+Club"}


def test_forget_empties_one_providers_answers():
    cache.cached("tmdb", "a", lambda: {"a": 1})
    cache.cached("upc", "b", lambda: {"b": 2})
    assert cache.forget("tmdb") == 1
    assert list(CachedResponse.objects.values_list("provider", flat=True)) == ["upc"]


def test_an_answer_comes_back_as_it_was_stored():
    value = {"title": "Amélie", "ids": [1, 2], "none": None}
    assert cache.cached("tmdb", "x", lambda: value) == value
    assert cache.cached("tmdb", "x", lambda: pytest.fail("asked again")) == value
