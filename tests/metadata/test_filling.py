"""Alice fills her typed-in films from TMDb in one go: only what they lack, copy by copy."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cinecat.catalog import services as catalog_services
from cinecat.catalog.models import ChangeAction, Copy
from cinecat.catalog.records import CreditRecord, PlotRecord, Record, WorkRecord
from cinecat.metadata import filling
from cinecat.metadata.models import FillJob

from .conftest import TMDB, fight_club, recorded
from .test_updating import jpeg

pytestmark = pytest.mark.django_db


def add(collection, work: WorkRecord) -> Copy:
    return catalog_services.add_entry(collection, Record(works=(work,)))


@pytest.fixture
def shelf(alice_collection):
    """#1 Fight Club as she typed it (a year, her runtime), #2 a film complete already, #3 one
    TMDb has no clear match for."""
    add(alice_collection, WorkRecord("Fight Club", year=1999, runtime_minutes=151))
    add(
        alice_collection,
        WorkRecord(
            "Heat",
            credits=(CreditRecord("Al Pacino", "Hanna"),),
            plots=(PlotRecord("Cops and robbers.", author="Alice"),),
        ),
    )
    add(alice_collection, WorkRecord("Fight"))
    return alice_collection


@pytest.fixture
def at_tmdb(tmdb):
    tmdb.get(f"{TMDB}/search/movie").respond(json=recorded("search_movie.json"))
    tmdb.get(f"{TMDB}/movie/550").respond(json=fight_club())
    tmdb.get(url__regex=r"https://image\.tmdb\.org/.*").respond(
        content=jpeg(), content_type="image/jpeg"
    )
    return tmdb


@pytest.fixture
def immediate(settings):
    """The worker runs each task as it is queued."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def new_job(collection) -> FillJob:
    ids = list(collection.copies.order_by("index").values_list("pk", flat=True))
    return FillJob.objects.create(collection=collection, copies=ids)


def test_a_film_lacking_cast_and_plots_gets_them_and_keeps_what_it_had(shelf, at_tmdb):
    job = new_job(shelf)
    filling.run_fill(job.pk)
    work = Copy.objects.get(index=1).first_work
    assert work.runtime_minutes == 151  # hers: never overwritten
    assert work.cast[0].person.name == "Edward Norton"
    assert work.plots.get().author == "TMDb"
    assert Copy.objects.get(index=1).edition.covers.filter(side="front").exists()
    assert Copy.objects.get(index=1).changes.first().action == ChangeAction.TMDB


def test_the_job_counts_each_copy_and_says_what_it_did(shelf, at_tmdb):
    job = new_job(shelf)
    filling.run_fill(job.pk)
    job.refresh_from_db()
    assert (job.status, job.processed, job.percent) == ("done", 3, 100)
    assert (job.filled, job.complete, job.unmatched, job.failed) == (1, 1, 1, 0)
    said = {index: words for index, _, words in job.notes}
    assert said[1].startswith("filled ") and "Cast" in said[1] and "Runtime" not in said[1]
    assert said[2] == "had cast and plots already"
    assert said[3].startswith("no film data service knows this film for sure")


def test_a_film_complete_already_is_not_touched(shelf, at_tmdb):
    heat = Copy.objects.get(index=2)
    filling.run_fill(new_job(shelf).pk)
    assert heat.changes.count() == 1  # only its adding
    assert [c.person.name for c in heat.first_work.cast] == ["Al Pacino"]


def test_a_film_the_service_fails_on_is_counted_and_the_others_go_on(shelf, tmdb):
    tmdb.get(f"{TMDB}/search/movie").respond(json=recorded("search_movie.json"))
    tmdb.get(f"{TMDB}/movie/550").respond(500)
    job = new_job(shelf)
    filling.run_fill(job.pk)
    job.refresh_from_db()
    assert (job.status, job.failed, job.complete, job.unmatched) == ("done", 1, 1, 1)
    assert "TMDb" in job.notes[0][2]


def test_a_refused_key_stops_the_job_saying_why(shelf, tmdb):
    tmdb.get(f"{TMDB}/search/movie").respond(401, json={"status_message": "Invalid API key"})
    job = new_job(shelf)
    filling.run_fill(job.pk)
    job.refresh_from_db()
    assert job.status == "failed" and job.processed == 0
    assert job.error.startswith("TMDb refused") and job.error.endswith("CINECAT_TMDB_API_KEY.")


def test_a_job_started_again_goes_on_after_the_last_copy_it_did(shelf, at_tmdb):
    job = new_job(shelf)
    FillJob.objects.filter(pk=job.pk).update(status="running", processed=1)
    filling.run_fill(job.pk)
    job.refresh_from_db()
    assert job.processed == 3 and job.filled == 0  # Fight Club was before the restart
    assert not Copy.objects.get(index=1).first_work.plots.exists()


def test_a_copy_deleted_after_it_was_picked_is_left_out(shelf, at_tmdb):
    job = new_job(shelf)
    catalog_services.trash([Copy.objects.get(index=1)])
    filling.run_fill(job.pk)
    job.refresh_from_db()
    assert job.notes[0][2] == "deleted or moved to the trash since it was picked: left out"
    assert (job.processed, job.filled) == (3, 0)


def test_the_batch_bar_queues_the_fill_and_its_page_shows_what_was_done(
    client, shelf, at_tmdb, immediate
):
    picked = [copy.pk for copy in shelf.copies.filter(index__in=[1, 2])]
    response = client.post("/c/alice/fill/", {"copies": picked, "action": "fill"}, follow=True)
    page = response.content.decode()
    job = FillJob.objects.get()
    assert response.redirect_chain[-1][0] == f"/c/alice/fill/{job.pk}/"
    assert "Filling the cast and plots of 2 copies" in page
    assert "2 of 2 done: 1 filled, 1 with nothing to fill" in page
    assert "#1 Fight Club</a>: filled" in page


def test_the_progress_fragment_asks_again_while_the_job_runs(client, shelf):
    job = new_job(shelf)
    fragment = client.get(f"/c/alice/fill/{job.pk}/", headers={"HX-Request": "true"})
    text = fragment.content.decode()
    assert text.startswith('<div id="fill-progress"') and 'hx-trigger="every 1s"' in text
    assert "0 of 3 done" in text


def test_the_batch_bar_offers_the_fill_only_when_a_service_is_set_up(client, shelf, settings):
    settings.CINECAT_TMDB_API_KEY = ""
    assert "Fill missing cast and plots" not in client.get("/c/alice/").content.decode()
    response = client.post("/c/alice/fill/", {"copies": [1]}, follow=True)
    assert "No film data service is set up here" in response.content.decode()
    settings.CINECAT_TMDB_API_KEY = "0123456789abcdef0123456789abcdef"
    assert "Fill missing cast and plots" in client.get("/c/alice/").content.decode()


def test_nothing_picked_queues_nothing(client, shelf, tmdb):
    response = client.post("/c/alice/fill/", {"action": "fill"}, follow=True)
    assert "Select copies first." in response.content.decode()
    assert not FillJob.objects.exists()


def fill(*arguments: str) -> str:
    out = StringIO()
    call_command("fill", *arguments, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_the_fill_command_looks_up_only_the_films_lacking_cast_or_plots(shelf, at_tmdb):
    out = fill("--collection", "alice")
    assert out.splitlines() == [
        "#3 Fight: no film data service knows this film for sure: update it by hand",
        "2 of 2 looked up: 1 filled, 0 with nothing to fill, 1 not found for sure, 0 failed.",
    ]  # Heat has its cast and plot: not even looked up
    assert Copy.objects.get(index=1).first_work.cast[0].person.name == "Edward Norton"


def test_the_fill_command_takes_the_copies_named(shelf, at_tmdb):
    assert fill("--collection", "alice", "--copies", "2, 3").endswith(
        "1 of 1 looked up: 0 filled, 0 with nothing to fill, 1 not found for sure, 0 failed.\n"
    )
    assert not Copy.objects.get(index=1).first_work.plots.exists()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("--collection", "bob"), "--collection bob: there is no collection 'bob'."),
        (("--collection", "alice", "--copies", "x"), "--copies x: no copy numbers in it."),
    ],
)
def test_a_bad_argument_is_named(shelf, tmdb, arguments, message):
    with pytest.raises(CommandError, match=re.escape(message)):
        fill(*arguments)


def test_the_fill_command_without_a_provider_says_how_to_set_one_up(shelf):
    with pytest.raises(CommandError, match="No metadata provider is configured. TMDb: set"):
        fill()


def test_a_refused_key_stops_the_command_saying_why(shelf, tmdb):
    tmdb.get(f"{TMDB}/search/movie").respond(401, json={"status_message": "Invalid API key"})
    with pytest.raises(CommandError, match="TMDb refused"):
        fill("--collection", "alice")
