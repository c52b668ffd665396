"""A collector scans a disc's barcode, picks the film TMDb finds, saves, and has a whole entry:
cast, plot and cover, timed and its clicks counted (the goal: under 10 s and 3 clicks).

TMDb and the UPC service are a local server replaying recorded answers (``fake_tmdb``).
"""

import time

import pytest

from cinecat.catalog.models import Copy
from tests.browser.conftest import ARTIFACTS
from tests.factories import CollectionFactory
from tests.metadata.conftest import V3_KEY

from .fake_tmdb import UPC, FakeTmdb

pytestmark = pytest.mark.e2e
# Every click the person makes, counted across pages (the tab's session storage keeps it).
COUNT_CLICKS = """
document.addEventListener("click", () => {
  sessionStorage.setItem("clicks", String(Number(sessionStorage.getItem("clicks") || 0) + 1));
}, true);
"""


@pytest.fixture
def fake_tmdb(settings, tmp_path, monkeypatch):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    with FakeTmdb() as fake:
        settings.CINECAT_TMDB_API_KEY = V3_KEY
        settings.CINECAT_TMDB_API_URL = fake.url
        settings.CINECAT_UPC_API_URL = fake.upc_url
        settings.CINECAT_COUNTRY = "US"
        settings.MEDIA_ROOT = tmp_path / "media"
        yield fake


def test_a_scanned_barcode_becomes_a_whole_entry_in_two_clicks(
    live_server, page, transactional_db, fake_tmdb
):
    CollectionFactory(name="Alice's shelves", slug="alice")
    page.add_init_script(COUNT_CLICKS)
    page.goto(f"{live_server.url}/c/alice/add/")
    started = time.monotonic()

    # The scanner types the digits into the box, which has the focus.
    page.keyboard.type(UPC, delay=30)
    film = page.locator("ul.candidates a", has_text="Fight Club (1999)").first
    film.click()
    page.get_by_text("Add a disc from TMDb").wait_for()
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/c/alice/1/")
    page.locator(".cast").get_by_text("Edward Norton").first.wait_for()
    page.get_by_alt_text("Front cover of Fight Club").wait_for()
    elapsed = time.monotonic() - started
    clicks = int(page.evaluate("sessionStorage.getItem('clicks')"))

    copy = Copy.objects.get(index=1)
    work = copy.first_work
    assert (work.title, work.year, work.tmdb_id, work.imdb_id) == (
        "Fight Club", 1999, 550, "tt0137523",
    )  # fmt: skip
    assert work.cast[0].person.name == "Edward Norton" and work.plots.get().author == "TMDb"
    assert copy.edition.barcode == "0" + UPC and copy.edition.format == "DVD"
    assert copy.edition.covers.filter(side="front").exists()
    assert "/upc/lookup" in fake_tmdb.asked and "/3/movie/550" in fake_tmdb.asked
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "add-from-provider.txt").write_text(f"{elapsed:.2f} s, {clicks} clicks\n")
    print(f"\nbarcode to a saved, complete copy: {elapsed:.2f} s, {clicks} clicks")
    assert clicks <= 3
    assert elapsed < 10


def test_a_film_typed_by_hand_is_updated_from_tmdb_keeping_what_was_typed(
    live_server, page, transactional_db, fake_tmdb
):
    from cinecat.catalog import services
    from cinecat.catalog.records import Record, WorkRecord

    alice = CollectionFactory(name="Alice's shelves", slug="alice")
    work = WorkRecord("Fight Club", year=1999, runtime_minutes=151)
    services.add_entry(alice, Record(works=(work,)))
    page.goto(f"{live_server.url}/c/alice/1/")
    page.get_by_role("link", name="Update from TMDb").click()
    page.get_by_text("Which film is #1 Fight Club (1999)?").wait_for()
    page.locator("ul.candidates a", has_text="Fight Club (1999)").first.click()
    assert page.get_by_label("Cast").is_checked()
    assert not page.get_by_label("Runtime").is_checked()  # she typed 151; TMDb says 139
    page.get_by_role("button", name="Take the ticked fields").click()
    page.wait_for_url("**/c/alice/1/")
    page.get_by_text("#1 updated from TMDb:").wait_for()
    page.locator(".cast").get_by_text("Edward Norton").first.wait_for()
    assert "Updated from TMDb" in page.locator(".history").inner_text()
    assert Copy.objects.get(index=1).first_work.runtime_minutes == 151
