"""A collector opens a season box, unfolds disc 3, marks its episode seen, then finds an
episode by its title from the list."""

import pytest

from cinecat.catalog.models import Viewing
from cinecat.interchange.writer import apply_records
from tests.browser.conftest import ARTIFACTS
from tests.factories import CollectionFactory
from tests.seasons import smallville_season

pytestmark = pytest.mark.e2e


@pytest.fixture
def season_box(transactional_db):
    collection = CollectionFactory(name="Alice's shelves", slug="alice")
    apply_records([smallville_season()], collection)
    return collection


def test_open_a_season_box_expand_disc_3_and_mark_an_episode_seen(live_server, page, season_box):
    page.goto(f"{live_server.url}/c/alice/1/")
    progress = page.locator(".episode-progress")
    assert progress.inner_text().startswith("Seen 1 of 7 episodes")
    ambush = page.locator("#episode-7")
    assert not ambush.is_visible()  # disc 3 is folded

    page.get_by_text("Disc 3 · Finale and extras").click()
    assert ambush.is_visible()
    assert ambush.locator(".episode-title").inner_text() == "Ambush"
    ambush.get_by_role("button", name="Seen Ambush today").click()

    page.wait_for_url("**/c/alice/1/?disc=3&episode=7#episode-7")
    assert page.locator("#disc-3").get_attribute("open") is not None
    assert ambush.locator(".seen").inner_text() == "Seen"
    assert progress.inner_text().startswith("Seen 2 of 7 episodes")
    assert sorted(Viewing.objects.values_list("episode", flat=True)) == [2, 7]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "season-box.png", full_page=True)


def test_an_episode_found_from_the_list_opens_its_disc(live_server, page, season_box):
    page.goto(f"{live_server.url}/c/alice/?q=homecoming")
    page.get_by_role("link", name="Disc 2: 10.04 Homecoming").click()
    page.wait_for_url("**episode=4#episode-4")
    assert page.locator("#disc-2").get_attribute("open") is not None
    assert page.locator("#disc-1").get_attribute("open") is None
    found = page.locator("#episode-4")
    assert found.is_visible()
    assert "found" in found.get_attribute("class")
