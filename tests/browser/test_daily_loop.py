"""A collector's daily loop, on a desktop and on a phone: back to the list where they left it,
filters taken off one by one, a disc added by barcode, a cast of ten typed in one visit, a save
that fails and says why, a delete undone, and no page wider than a phone."""

import pytest
from django.core.management import call_command

from cinecat.catalog.models import Copy, Location, Person, StorageDevice
from tests.browser.conftest import ARTIFACTS

pytestmark = pytest.mark.e2e
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def demo(transactional_db, reference_path):
    call_command("load_demo", "--size", "120", stdout=None)
    call_command("import", str(reference_path), "--collection", "demo", stdout=None)
    return "demo"


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True)


def count_text(page) -> str:
    return page.locator(".list-head .count").inner_text()


def test_back_from_a_copy_shows_the_same_list_at_the_same_place(live_server, page, demo):
    page.goto(f"{live_server.url}/c/demo/?per_page=100")
    page.get_by_role("searchbox").press_sequentially("the", delay=30)
    page.wait_for_function("document.querySelector('.count').innerText.includes('for “the”')")
    listed = count_text(page)
    assert "per_page=100" in page.url  # the page size chosen stays with the search
    link = page.locator("main a[href*='/c/demo/']:visible").filter(has_text="The").nth(20)
    link.scroll_into_view_if_needed()
    left_at = page.evaluate("window.scrollY")
    assert left_at > 500  # well down the list
    link.click()
    page.wait_for_selector("h1.title")

    page.go_back()
    page.wait_for_function("document.querySelector('.count') !== null")
    # The whole page, styled, not the list's fragment alone, and nothing still counting.
    assert page.locator("header").count() >= 1
    assert page.evaluate("getComputedStyle(document.body).fontFamily") != "Times New Roman"
    assert count_text(page) == listed
    page.wait_for_function(f"Math.abs(window.scrollY - {left_at}) < 80")
    assert "Counting" not in page.locator("main").inner_text()

    page.reload()  # and a reload is the same full page
    assert count_text(page) == listed
    shot(page, "back-to-the-list")


def test_filter_chips_come_off_one_by_one(live_server, page, demo):
    page.goto(f"{live_server.url}/c/demo/?q=the")
    page.locator("[data-facet=format]").first.click()
    page.wait_for_url("**format=*")
    page.locator("[data-facet=genre]").first.click()
    page.wait_for_url("**genre=*")
    chips = page.locator(".chips .chip")
    chips.nth(2).wait_for()
    assert chips.count() == 3
    counts = [int(count_text(page).split()[0])]
    shot(page, "three-chips")

    for left in (2, 1, 0):
        chips.first.click()
        page.wait_for_function(f"document.querySelectorAll('.chips .chip').length === {left}")
        counts.append(int(count_text(page).split()[0]))
    assert counts == sorted(counts)  # each filter taken off lists as many or more
    assert counts[-1] == Copy.objects.filter(status="owned").count()
    assert "copies" in count_text(page)  # the count says what it counts


def test_add_by_barcode_puts_the_cursor_in_the_title_and_cancel_adds_nothing(
    live_server, page, demo
):
    before = Copy.everything.count()
    page.goto(f"{live_server.url}/c/demo/add/")
    assert page.evaluate("document.activeElement.id") == "add-box"
    page.keyboard.type("5050582721478")
    page.get_by_role("button", name="Look it up").click()
    page.get_by_text("This barcode is not known").wait_for()  # said plainly
    page.get_by_role("link", name="Add it by hand").first.click()
    page.wait_for_url("**/add/by-hand/**")
    assert page.evaluate("document.activeElement.name") == "work-title"
    assert page.locator("#id_edition-barcode").input_value() == "5050582721478"
    page.keyboard.type("Paddington 2")
    shot(page, "add-by-hand")
    page.get_by_role("link", name="Cancel: add nothing").click()
    page.wait_for_url("**/c/demo/")
    assert Copy.everything.count() == before


def test_a_cast_of_ten_is_typed_in_one_visit_and_kept_in_order(live_server, page, demo):
    copy = Copy.objects.get(index=5)
    page.goto(f"{live_server.url}{copy.get_absolute_url()}edit/")
    rows = page.locator("table[data-formset=credit] tbody tr")
    existing = rows.count()
    names = [f"Actor {n:02d}" for n in range(1, 11)]
    for n, name in enumerate(names):
        page.get_by_role("button", name="Add a person").click()
        row = rows.nth(existing + n)
        row.locator("input[name$='-name']").fill(name)
        row.locator("input[name$='-character']").fill(f"Part {n + 1}")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(f"**{copy.get_absolute_url()}")
    cast = list(copy.first_work.cast.order_by("order").values_list("person__name", flat=True))
    assert cast[-10:] == names
    assert Person.objects.filter(name__startswith="Actor ").count() == 10


def test_a_failed_save_says_what_to_put_right_and_keeps_what_was_typed(live_server, page, demo):
    copy = Copy.objects.get(index=3)
    page.goto(f"{live_server.url}{copy.get_absolute_url()}edit/")
    page.locator("#id_copy-notes").fill("Bought at the flea market")
    page.locator("#id_edition-barcode").fill("123456789013")  # a wrong check digit
    page.get_by_role("button", name="Save").click()
    summary = page.locator("[data-error-summary]")
    summary.wait_for()
    assert "Barcode" in summary.inner_text()
    assert page.evaluate(
        "document.activeElement.matches('[data-error-summary], #id_edition-barcode')"
    )
    assert page.locator("#id_copy-notes").input_value() == "Bought at the flea market"
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id") == "id_edition-barcode"
    box = page.locator("#id_edition-barcode").bounding_box()
    header = page.locator(".site-header").bounding_box()
    assert header["y"] + header["height"] < box["y"] < page.viewport_size["height"] - 80
    shot(page, "failed-save")
    copy.refresh_from_db()
    assert copy.notes == ""


def test_a_deleted_copy_comes_back_with_undo(live_server, page, demo):
    copy = Copy.objects.get(index=2)
    page.goto(f"{live_server.url}{copy.get_absolute_url()}")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Delete").click()
    page.get_by_text("is in the trash for 30 days").wait_for()
    assert not Copy.objects.filter(pk=copy.pk).exists()
    page.get_by_role("button", name="Undo").click()
    page.get_by_text("restored", exact=False).first.wait_for()
    assert Copy.objects.filter(pk=copy.pk).exists()


def test_no_page_is_wider_than_a_phone(live_server, browser, demo, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    reference = Copy.objects.get(index=1279)
    person = reference.first_work.credits.first().person
    place = Location.objects.filter(collection=reference.collection).first()
    device = StorageDevice.objects.first()
    paths = [
        "/c/demo/",
        "/c/demo/?view=table",
        "/c/demo/?view=grid",
        "/c/demo/?q=stalin",
        "/c/demo/?group=location",
        reference.get_absolute_url(),
        f"{reference.get_absolute_url()}cast/",
        f"{reference.get_absolute_url()}edit/",
        "/c/demo/add/",
        "/c/demo/add/by-hand/",
        f"/c/demo/add/another/?edition={reference.edition_id}",
        f"/c/demo/people/{person.pk}/",
        f"/c/demo/locations/{place.pk}/",
        "/c/demo/trash/",
        "/c/demo/import/",
        "/c/demo/print/",
        "/c/demo/locations/",
        "/c/demo/storage/",
        "/c/demo/stats/",
        "/c/demo/on-loan/",
        "/c/demo/wish-list/",
        "/c/demo/on-order/",
        "/c/demo/no-such-page/",
    ]
    if device is not None:
        paths.append(f"/c/demo/storage/{device.pk}/")
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    phone = context.new_page()
    too_wide = {}
    try:
        for path in paths:
            phone.goto(f"{live_server.url}{path}")
            phone.wait_for_load_state("networkidle")
            width = phone.evaluate("document.documentElement.scrollWidth")
            if width > PHONE["width"]:
                too_wide[path] = width
            name = path.strip("/").replace("/", "-").replace("?", "-").replace("=", "-")
            shot(phone, f"phone-{name or 'home'}")
    finally:
        context.close()
    assert too_wide == {}
