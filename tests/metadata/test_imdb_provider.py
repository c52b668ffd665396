"""The IMDb provider: titles found in any language, whatever the case and accents; no network."""

import pytest

from cinecat.catalog.records import CreditRecord
from cinecat.metadata import registry
from cinecat.metadata.base import NotConfigured, NotFound
from cinecat.metadata.imdb import ImdbProvider

pytestmark = pytest.mark.django_db


def titles(candidates) -> list[tuple[str, int | None]]:
    return [(candidate.title, candidate.year) for candidate in candidates]


def test_before_the_datasets_are_loaded_imdb_is_not_offered(db):
    assert not ImdbProvider.is_configured()
    with pytest.raises(NotConfigured, match="run `cinecat reference import-imdb FOLDER`"):
        registry.get("imdb")


def test_once_loaded_imdb_is_offered(imdb_loaded):
    assert registry.available() == ["imdb"]


def test_a_german_title_finds_the_film(imdb_loaded):
    [downfall] = ImdbProvider().search("Der Untergang")
    assert (downfall.id, downfall.title, downfall.original_title, downfall.year) == (
        "tt0363163", "Downfall", "Der Untergang", 2004,
    )  # fmt: skip
    assert downfall.director == "Oliver Hirschbiegel"


def test_a_french_title_finds_the_film_whatever_its_case(imdb_loaded):
    assert titles(ImdbProvider().search("LA MORT DE STALINE")) == [("The Death of Stalin", 2017)]


def test_accents_need_not_be_typed(imdb_loaded):
    assert titles(ImdbProvider().search("amelie")) == [("Amélie", 2001)]
    assert titles(ImdbProvider().search("die fabelhafte welt der amelie")) == [("Amélie", 2001)]


def test_a_title_typed_without_its_article_is_found(imdb_loaded):
    assert titles(ImdbProvider().search("Death of Stalin")) == [("The Death of Stalin", 2017)]


def test_the_start_of_a_title_finds_it_after_exact_titles(imdb_loaded):
    assert titles(ImdbProvider().search("the death")) == [("The Death of Stalin", 2017)]
    assert titles(ImdbProvider().search("fight")) == [("Fight Club", 1999)]  # not the game


def test_films_of_one_title_come_most_voted_first_and_a_year_picks_one(imdb_loaded):
    assert titles(ImdbProvider().search("heat")) == [("Heat", 1995), ("Heat", 1986)]
    assert titles(ImdbProvider().search("heat", year=1986)) == [("Heat", 1986)]


def test_an_imdb_id_finds_its_title(imdb_loaded):
    assert titles(ImdbProvider().search("tt0137523")) == [("Fight Club", 1999)]


def test_nothing_found_is_no_candidates(imdb_loaded):
    assert ImdbProvider().search("Zzyzx Road") == []
    assert ImdbProvider().search("  ?! ") == []


def test_a_series_is_a_candidate_of_its_kind(imdb_loaded):
    [chernobyl] = ImdbProvider().search("chernobyl")
    assert chernobyl.kind == "tvMiniSeries"


def test_fetch_gives_the_work_with_principal_cast_and_crew(imdb_loaded):
    found = ImdbProvider().fetch("tt0137523")
    work = found.work
    assert (work.title, work.sort_title, work.original_title) == (
        "Fight Club", "Fight Club", "Fight Club",
    )  # fmt: skip
    assert (work.year, work.runtime_minutes, work.genres) == (1999, 139, ("Drama",))
    assert (work.imdb_id, work.tmdb_id) == ("tt0137523", None)
    assert work.credits == (
        CreditRecord("Brad Pitt", "Tyler Durden"),
        CreditRecord("Edward Norton", "Narrator"),
        CreditRecord("Helena Bonham Carter", "Marla Singer"),
        CreditRecord("David Fincher", job="Director", role="crew"),
        CreditRecord("Chuck Palahniuk", job="Writer", role="crew"),
        CreditRecord("Jim Uhls", job="Writer", role="crew"),
        CreditRecord("Art Linson", job="Producer", role="crew"),
        CreditRecord("The Dust Brothers", job="Composer", role="crew"),
        CreditRecord("Jeff Cronenweth", job="Director of Photography", role="crew"),
    )  # the editor's category is not kept


def test_fetch_adds_the_crew_files_directors_and_writers(imdb_loaded):
    credits = ImdbProvider().fetch("tt4686844").work.credits
    assert [(c.name, c.job) for c in credits if c.role == "crew"] == [
        ("Armando Iannucci", "Director"),
        ("Armando Iannucci", "Writer"),
        ("David Schneider", "Writer"),  # title.crew only
        ("A Writer Nobody Lists", "Writer"),
    ]
    assert [c.name for c in credits if c.role == "cast"] == [
        "Steve Buscemi",
        "Simon Russell Beale",
        "Jeffrey Tambor",
    ]  # the malformed principal was skipped


def test_the_rating_and_the_seasons_come_as_extras(imdb_loaded):
    assert ImdbProvider().fetch("tt0137523").extras == (
        ("IMDb rating", "8.8"),
        ("IMDb votes", "2312004"),
    )
    assert ImdbProvider().fetch("tt7366338").extras == (
        ("IMDb rating", "9.3"),
        ("IMDb votes", "912345"),
        ("Seasons", "1"),
        ("Episodes", "6"),
        ("Ended", "2019"),
    )


def test_a_fetched_title_names_imdb_as_its_source(imdb_loaded):
    found = ImdbProvider().fetch("0211915")
    assert found.source_url == "https://www.imdb.com/title/tt0211915/"
    assert found.attribution.startswith("Information courtesy of IMDb")
    assert found.work.original_title == "Le fabuleux destin d'Amélie Poulain"
    assert found.other_details() == ()  # no rating loaded for it


def test_a_title_not_in_the_datasets_is_not_found(imdb_loaded):
    with pytest.raises(NotFound, match="have no title tt0386651"):
        ImdbProvider().fetch("tt0386651")  # a video game: not kept
    with pytest.raises(NotFound):
        ImdbProvider().fetch("Fight Club")
