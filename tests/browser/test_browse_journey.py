"""A collector searches as they type, narrows by two filters, opens a folder, sees covers."""

import re

import pytest
from django.core.management import call_command

from tests.browser.conftest import ARTIFACTS

pytestmark = pytest.mark.e2e


def test_search_filters_folders_and_the_cover_grid(live_server, page, transactional_db):
    call_command("load_demo", "--size", "120", stdout=None)
    page.goto(f"{live_server.url}/c/demo/")
    count = page.locator(".list-head .count")
    assert count.inner_text().startswith("120 copies")

    page.get_by_role("searchbox").press_sequentially("die h", delay=40)
    page.wait_for_function("document.querySelector('.count').innerText.includes('die h')")
    assert page.url.endswith("/c/demo/?q=die%20h")  # the state is in the URL
    searched = int(count.inner_text().split()[0])
    assert 0 < searched < 120

    page.get_by_role("searchbox").fill("")  # the list follows the box as it empties
    page.wait_for_function("document.querySelector('.count').innerText.startsWith('120 copies')")
    assert page.url.endswith("/c/demo/")  # an empty search leaves no trace in the URL
    page.locator("[data-facet=format]").first.click()
    page.wait_for_url("**format=*")
    page.locator("[data-facet=genre]").first.click()
    page.wait_for_url("**genre=*")
    narrowed = int(count.inner_text().split()[0])
    assert 0 < narrowed < 120
    page.locator(".facet li.chosen").nth(1).wait_for()  # the counts arrive after the list
    assert page.locator(".facet li.chosen").count() == 2

    page.get_by_label("Group by").select_option("decade")
    folder = page.locator(".folder li a").first
    folder.wait_for()
    folder.click()
    page.wait_for_url("**decade=*")
    assert int(count.inner_text().split()[0]) <= narrowed

    page.get_by_role("link", name="Covers").click()
    page.wait_for_url("**view=grid*")
    assert page.locator(".cover-grid li").count() == int(count.inner_text().split()[0])
    page.go_back()
    page.wait_for_function("!location.search.includes('view=grid')")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "browse.png", full_page=True)


def test_counts_that_fail_to_arrive_can_be_counted_again(live_server, page, transactional_db):
    call_command("load_demo", "--size", "20", stdout=None)
    failed: list[str] = []

    def fail_the_first(route):
        if failed:
            route.continue_()
        else:
            failed.append(route.request.url)
            route.fulfill(status=500, body="Server Error")

    page.route(re.compile(r"/facets/"), fail_the_first)
    page.goto(f"{live_server.url}/c/demo/")
    alert = page.get_by_role("alert")
    alert.wait_for()
    assert "The counts could not be loaded" in alert.inner_text()
    assert page.locator("[data-facet=format]").count() == 0

    page.get_by_role("button", name="Count again").click()
    page.locator("[data-facet=format]").first.wait_for()
    assert page.get_by_role("alert").count() == 0
    assert len(failed) == 1
