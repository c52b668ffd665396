"""A visitor opens the collection, finds the reference entry and reads its whole cast."""

import pytest
from django.core.management import call_command

from tests.browser.conftest import ARTIFACTS

pytestmark = pytest.mark.e2e


def test_a_visitor_opens_the_reference_entry_and_views_the_whole_cast(
    live_server, page, transactional_db, reference_path
):
    call_command("load_demo", "--size", "40", stdout=None)
    call_command("import", str(reference_path), "--collection", "demo", stdout=None)

    page.goto(f"{live_server.url}/c/demo/?sort=title")
    link = page.get_by_role("link", name="The Death Of Stalin")
    link.click()
    page.wait_for_url("**/c/demo/1279/?from=*")
    assert page.locator("h1.title").inner_text() == "The Death Of Stalin (2017)"
    cast = page.locator("ul.cast").first.locator("li")
    assert cast.count() == 12

    page.get_by_role("link", name="View all").click()
    page.locator("ul.cast li").nth(24).wait_for()
    assert cast.count() == 25
    assert cast.last.inner_text().split() == ["Alex", "Harvey-Brown", "Soldier"]
    assert page.get_by_role("link", name="View all").count() == 0
    assert "/c/demo/1279/?from=" in page.url  # swapped in place, no navigation

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "reference-entry.png", full_page=True)
    assert (ARTIFACTS / "reference-entry.png").stat().st_size > 10_000
