"""Alice imports her Letterboxd diary, finds the viewings on her copy of Fargo, logs one more
and takes one off, then lets cinecat pick a film she has not seen."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from cinecat.catalog.models import Copy
from tests.factories import CollectionFactory, CopyFactory, EditionFactory, WorkFactory

pytestmark = pytest.mark.e2e
DIARY = Path(__file__).parents[1] / "interchange" / "letterboxd_export" / "diary.csv"


def test_import_a_letterboxd_diary_and_see_the_viewings_on_the_copy_page(
    live_server, page, transactional_db, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    alice = CollectionFactory(name="Alice's shelves", slug="alice")
    fargo = CopyFactory(
        collection=alice, edition=EditionFactory(works=[WorkFactory(title="Fargo", year=1996)])
    )
    CopyFactory(collection=alice, edition=EditionFactory(works=[WorkFactory(title="Ran")]))

    page.goto(f"{live_server.url}/c/alice/import/")
    page.set_input_files("input[name=upload]", str(DIARY))
    page.get_by_role("button", name="Import").click()
    page.wait_for_url("**/imports/*/")
    call_command("db_worker", "--batch", "--no-startup-delay", stdout=StringIO(), stderr=StringIO())
    page.reload()
    page.get_by_text("Done", exact=True).wait_for()
    report = page.locator("table").last
    assert "not in the collection: skipped" in report.inner_text()  # Amélie, Paddington 2 …
    report.get_by_role("link", name="Fargo (1996)").click()

    page.wait_for_url(f"**/c/alice/{fargo.index}/")
    viewings = page.locator("#viewings")
    assert "Seen 2 times." in viewings.inner_text()
    assert "Jan 07, 2023" in viewings.inner_text() and "Mar 01, 2024" in viewings.inner_text()
    assert viewings.locator(".badge", has_text="Rewatch").count() == 1
    assert page.get_by_role("img", name="My rating: 5 stars out of 5").is_visible()

    # One more viewing, in place, then one taken off again.
    page.get_by_text("Add a viewing").click()
    page.get_by_label("Watched on").fill("2024-12-24")
    page.get_by_label("Where").fill("Cinema")
    page.get_by_label("With whom").fill("Bob")
    page.get_by_role("button", name="Add the viewing").click()
    page.get_by_text("Seen 3 times.").wait_for()
    assert "at Cinema" in viewings.inner_text() and "with Bob" in viewings.inner_text()
    page.get_by_role("button", name="Remove the viewing of Jan 07, 2023").click()
    page.get_by_text("Seen 2 times.").wait_for()
    assert "Jan 07, 2023" not in viewings.inner_text()
    assert Copy.objects.get(pk=fargo.pk).viewing_log.count() == 2

    # Tonight's film: the only one not seen yet.
    page.goto(f"{live_server.url}/c/alice/?seen=no")
    page.get_by_role("link", name="What shall we watch tonight?").click()
    page.get_by_role("heading", name="Ran").wait_for()
