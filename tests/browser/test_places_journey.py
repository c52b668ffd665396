"""Alice finds what is in binder TD 05 and which slots are free, then reads her statistics and
opens the copies behind a bar."""

import pytest

from cinecat.catalog import slots
from cinecat.catalog.records import CopyRecord, EditionRecord, Record, WorkRecord
from cinecat.interchange.writer import apply_records
from tests.browser.conftest import ARTIFACTS
from tests.factories import CollectionFactory

pytestmark = pytest.mark.e2e


@pytest.fixture
def shelves(transactional_db):
    collection = CollectionFactory(name="Alice's shelves", slug="alice")
    slots.save_device(collection, None, name="TD 05", kind="binder", capacity=6)
    films = [
        (1, "Fargo", "DVD", "2", "owned"),
        (2, "Heat", "Blu-ray", "5", "owned"),
        (3, "Alien", "Blu-ray", "", "owned"),
        (4, "Ronin", "Blu-ray", "", "wish"),  # not on the shelves: not counted
        (5, "Oldboy", "DVD", "", "owned"),
    ]
    apply_records(
        [
            Record(
                works=(WorkRecord(title, year=1996),),
                edition=EditionRecord(format=fmt),
                copy=CopyRecord(
                    index=index,
                    status=status,
                    storage_device="TD 05" if slot else "",
                    storage_slot=slot,
                ),
            )
            for index, title, fmt, slot, status in films
        ],
        collection,
    )
    return collection


def test_a_storage_device_shows_its_slots_and_the_free_ones(live_server, page, shelves):
    page.goto(f"{live_server.url}/c/alice/1/")
    page.get_by_role("link", name="TD 05").first.click()
    page.wait_for_url("**/storage/*/")
    assert page.get_by_role("heading", level=1).inner_text() == "TD 05"
    assert "2 copies in 6 slots · 4 free" in page.locator(".device-summary").inner_text()
    rows = page.locator("table.slots tbody tr")
    assert [rows.nth(n).locator("th").inner_text() for n in range(rows.count())] == [
        "1",
        "2",
        "3–4",
        "5",
        "6",
    ]
    assert rows.nth(1).inner_text().split("\t")[1:] == ["Fargo", "DVD", "#1"]
    assert page.locator("tr.slot-free").count() == 3
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "storage-device.png", full_page=True)
    page.get_by_role("link", name="Heat").click()
    page.wait_for_url("**/c/alice/2/")
    assert "TD 05 / slot 5" in page.locator(".where-is-it").inner_text()


def test_a_bar_of_the_statistics_opens_its_copies_in_the_list(live_server, page, shelves):
    page.goto(f"{live_server.url}/c/alice/")
    page.get_by_role("link", name="Statistics").click()
    page.wait_for_url("**/stats/")
    assert "4 copies" in page.get_by_role("heading", level=1).inner_text()  # Ronin is wished
    bar = page.locator('svg[data-chart="format"] a.bar', has_text="Blu-ray")
    assert bar.locator("title").text_content() == "Blu-ray: 2 copies"
    bar.locator("rect.fill").click()
    page.wait_for_url("**/c/alice/?format=Blu-ray")
    assert page.locator(".list-head .count").inner_text().startswith("2 copies")
    titles = page.locator(".copy-list .row-title").all_inner_texts()
    assert sorted(titles) == ["Alien", "Heat"]
