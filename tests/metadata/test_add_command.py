"""cinecat add: Alice adds discs by title or barcode; the providers fill in the facts."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from cinecat.catalog.models import Copy, Edition, Work
from tests.factories import CollectionFactory

from .conftest import TMDB, fight_club, recorded
from .test_barcodes import STALIN_DVD, upc_answer

pytestmark = pytest.mark.django_db


def add(*arguments: str) -> str:
    out = StringIO()
    call_command("add", *arguments, stdout=out)
    return out.getvalue()


@pytest.fixture
def upc(settings, network):
    settings.CINECAT_UPC_API_URL = "https://api.upcitemdb.com/prod/trial/lookup"
    return network.get(settings.CINECAT_UPC_API_URL)


def test_alice_adds_a_film_by_title_and_year_from_the_imdb_datasets(alice_collection, imdb_loaded):
    out = add("--title", "The Death of Stalin", "--year", "2017", "--collection", "alice")
    copy = Copy.objects.get(collection=alice_collection)
    assert f"Added #{copy.index} The Death of Stalin (2017) [DVD] to Alice's shelves: " in out
    assert f"/c/alice/{copy.index}/" in out
    assert "Source: Information courtesy of IMDb" in out
    work = copy.first_work
    assert (work.year, work.runtime_minutes, work.imdb_id) == (2017, 107, "tt4686844")
    assert sorted(genre.name for genre in work.genres.all()) == ["Comedy", "Drama", "History"]
    assert [credit.person.name for credit in work.cast] == [
        "Steve Buscemi", "Simon Russell Beale", "Jeffrey Tambor",
    ]  # fmt: skip
    assert copy.other_details == [["IMDb rating", "7.3"], ["IMDb votes", "180221"]]


def test_alice_adds_a_blu_ray_by_title_from_tmdb(alice_collection, tmdb):
    search = tmdb.get(f"{TMDB}/search/movie").respond(json=recorded("search_movie.json"))
    tmdb.get(f"{TMDB}/movie/550").respond(json=fight_club())
    out = add("--title", "fight club", "--provider", "tmdb", "--format", "Blu-ray")
    assert search.calls.last.request.url.params["query"] == "fight club"
    copy = Copy.objects.get(collection=alice_collection)
    assert f"Added #{copy.index} Fight Club (1999) [Blu-ray]" in out
    assert "uses the TMDB API but is not endorsed or certified by TMDB" in out
    work, edition = copy.first_work, copy.edition
    assert (work.tmdb_id, work.imdb_id, work.trailer_url) == (
        550, "tt0137523", "https://www.youtube.com/watch?v=BdJKm16Co6M",
    )  # fmt: skip
    assert (edition.format, edition.rating_country, edition.rating) == ("Blu-ray", "US", "R")
    assert work.plots.get().author == "TMDb"
    assert work.crew.filter(job="Director").get().person.name == "David Fincher"
    # What has a field of its own lands there, not among the other details.
    assert work.tagline == "Mischief. Mayhem. Soap."
    links = work.studios.through.objects.filter(work=work).order_by("pk")
    studios = list(links.values_list("company__name", flat=True))
    assert studios[:2] == ["Regency Enterprises", "Fox 2000 Pictures"]
    assert work.series == "Kung Fu Panda Collection"
    assert {"Tagline", "Studios", "Film series"}.isdisjoint(dict(copy.other_details))


def test_several_films_of_one_title_are_listed_to_pick_from(alice_collection, imdb_loaded):
    out = add("--title", "Heat")
    assert out.splitlines() == [
        "IMDb (local datasets): 2 candidates for 'Heat':",
        "  1. Heat (1995) — directed by Michael Mann — imdb tt0113277",
        "  2. Heat (1986) — directed by Jerry Jameson — imdb tt0093164",
        "Add one with --pick N.",
    ]
    assert not Copy.objects.exists()
    out = add("--title", "Heat", "--pick", "2")
    assert "Added #1 Heat (1986) [DVD]" in out


def test_a_barcode_the_upc_service_knows_is_added_with_its_facts(
    alice_collection, imdb_loaded, upc
):
    upc.respond(json=upc_answer("The Death of Stalin [Blu-ray] Special Edition (2018)"))
    out = add("--barcode", STALIN_DVD)
    assert (
        "upc: 'The Death of Stalin [Blu-ray] Special Edition (2018)' → 'The Death of Stalin'" in out
    )
    copy = Copy.objects.get()
    edition = copy.edition
    assert (edition.barcode, edition.format, edition.name) == (
        f"0{STALIN_DVD}", "Blu-ray", "Special Edition",
    )  # fmt: skip
    assert copy.first_work.title == "The Death of Stalin"


def test_a_disc_alice_owns_is_said_to_be_owned_and_not_added(alice_collection, reference_path):
    call_command("import", str(reference_path), "--collection", "alice", stdout=StringIO())
    out = add("--barcode", STALIN_DVD, "--collection", "alice")
    assert "You already own this: The Death Of Stalin in Alice's shelves, #" in out
    assert "Add another copy with --again." in out
    assert Copy.objects.count() == 1
    out = add("--barcode", STALIN_DVD, "--collection", "alice", "--again")
    assert "Added #" in out and "Source: this catalog" in out
    assert Copy.objects.count() == 2
    assert Edition.objects.count() == 1  # the second copy is of the same edition


def test_a_disc_another_collection_has_is_reused_for_bob(alice_collection, reference_path):
    call_command("import", str(reference_path), "--collection", "alice", stdout=StringIO())
    CollectionFactory(name="Bob's shelves", slug="bob")
    out = add("--barcode", STALIN_DVD, "--collection", "bob")
    bobs = Copy.objects.get(collection__slug="bob")
    assert f"Added #{bobs.index} The Death Of Stalin [DVD] to Bob's shelves" in out
    assert bobs.edition == Copy.objects.get(collection=alice_collection).edition
    assert bobs.first_work.plots.count() == Work.objects.get().plots.count() > 0


def test_a_barcode_with_a_title_stores_the_barcode_on_the_films_edition(
    alice_collection, imdb_loaded
):
    add("--barcode", STALIN_DVD, "--title", "Der Untergang")
    copy = Copy.objects.get()
    assert (copy.first_work.title, copy.edition.barcode) == ("Downfall", f"0{STALIN_DVD}")


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ((), "Give --barcode CODE or --title TITLE"),
        (("--barcode", "123"), "--barcode 123: The barcode 123 has 3 digits"),
        (("--title", "Heat", "--format", "Laserdisk"), "--format 'Laserdisk': one of DVD, Blu-ray"),
        (("--title", "Heat", "--year", "95"), "--year 95: a film's year, such as 2017"),
        (("--title", "Heat", "--pick", "0"), "--pick 0: the number of a candidate, from 1"),
        (("--title", "Heat", "--collection", "nope"), "--collection nope: there is no collection"),
        (("--title", "Heat", "--pick", "3"), "--pick 3: there are 2 candidates."),
        (("--title", "Zzyzx"), "IMDb (local datasets) found nothing for 'Zzyzx'; check the title."),
    ],
)
def test_a_bad_argument_is_named(imdb_loaded, arguments, message):
    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(")", r"\)")):
        add(*arguments)
    assert not Copy.objects.exists()


def test_an_unconfigured_provider_says_how_to_configure_it(imdb_loaded):
    with pytest.raises(
        CommandError, match="--provider tmdb: TMDb is not configured: set CINECAT_TMDB_API_KEY"
    ):
        add("--title", "Heat", "--provider", "tmdb")


def test_with_no_provider_at_all_each_ones_setup_is_told(db):
    with pytest.raises(CommandError) as refused:
        add("--title", "Heat")
    message = str(refused.value)
    assert message.startswith("No metadata provider is configured.")
    assert "cinecat reference import-imdb FOLDER" in message
    assert "set CINECAT_TMDB_API_KEY" in message


def test_a_barcode_no_source_knows_asks_for_the_title(imdb_loaded, upc):
    upc.respond(json={"code": "OK", "total": 0, "offset": 0, "items": []})
    with pytest.raises(CommandError, match="not known to this catalog, UPC lookup. Give its title"):
        add("--barcode", STALIN_DVD)


def test_a_refused_key_stops_with_the_services_words(alice_collection, tmdb):
    tmdb.get(f"{TMDB}/search/movie").respond(401, json={"status_message": "Invalid API key"})
    with pytest.raises(
        CommandError, match="TMDb refused the API key \\(HTTP 401: Invalid API key\\)"
    ):
        add("--title", "Heat", "--provider", "tmdb")
