"""A collector adds a disc by photographing its barcode, fixes a cast member, moves three
copies into a storage device at once, deletes one and brings it back."""

import pytest
import zxingcpp
from django.core.management import call_command

from cinecat.catalog.models import Copy
from tests.browser.conftest import ARTIFACTS
from tests.catalog.images import barcode, encoded, photographed

pytestmark = pytest.mark.e2e
STALIN_UPC = "191329079843"


def test_add_edit_batch_move_delete_and_restore(
    live_server, page, transactional_db, reference_path, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo", "--size", "12", stdout=None)
    call_command("import", str(reference_path), "--collection", "demo", stdout=None)
    Copy.objects.filter(index=1279).update(collection=Copy.objects.get(index=1).collection)
    photo = tmp_path / "barcode.jpg"
    photo.write_bytes(
        encoded(photographed(barcode(STALIN_UPC, zxingcpp.BarcodeFormat.UPCA)), "JPEG")
    )

    # Add by photographing the barcode: the disc is known, so cinecat says so.
    page.goto(f"{live_server.url}/c/demo/add/")
    page.set_input_files("input[name=photo]", str(photo))
    page.get_by_role("button", name="Look it up").click()
    page.get_by_text("You already own this").wait_for()
    before = Copy.objects.count()
    page.get_by_role("link", name="Add another copy anyway").click()
    page.get_by_text("The catalog knows this disc").wait_for()
    assert Copy.objects.count() == before  # nothing is made before Save
    page.get_by_label("Owner").fill("Dawn")
    page.get_by_role("button", name="Save the new copy").click()
    page.get_by_text("Added #").wait_for()
    added = Copy.objects.order_by("-pk").first()
    assert (added.edition.barcode, added.owner) == ("0" + STALIN_UPC, "Dawn")

    # Fix a cast member's character on the edit page.
    page.get_by_role("link", name="Edit").first.click()
    page.wait_for_url("**/edit/")
    page.locator("input[name=credit-7-character]").fill("Nikita S. Khrushchev")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(f"**/c/demo/{added.index}/")
    page.get_by_text("Nikita S. Khrushchev", exact=True).wait_for()
    assert "Steve Buscemi (Nikita S. Khrushchev)" in page.locator(".history").inner_text()

    # Batch-move three copies into a storage device from the table view.
    page.goto(f"{live_server.url}/c/demo/?view=table")
    boxes = page.locator("input.pick")
    for n in range(3):
        boxes.nth(n).check()
    page.get_by_text("Change the selected copies").click()
    page.get_by_role("textbox", name="Storage device").fill("Binder 2")
    page.get_by_role("button", name="Apply to selected").click()
    page.get_by_text("3 copies updated.").wait_for()
    assert Copy.objects.filter(storage_device__name="Binder 2").count() == 3

    # Delete one, find it in the trash, restore it.
    page.goto(f"{live_server.url}/c/demo/1/")
    title = page.locator("h1.title").inner_text().rsplit(" (", 1)[0]  # without its year
    page.once("dialog", lambda dialog: dialog.accept())  # "Move #1 … to the trash?"
    page.get_by_role("button", name="Delete").click()
    page.get_by_text("is in the trash for 30 days").wait_for()
    page.get_by_role("link", name="Trash").click()
    page.get_by_label(f"Select {title}").check()
    page.get_by_role("button", name="Restore the selected copies").click()
    page.get_by_text("1 copy restored.").wait_for()
    page.goto(f"{live_server.url}/c/demo/1/")
    assert page.locator("h1.title").inner_text().rsplit(" (", 1)[0] == title
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "after-restore.png", full_page=True)
