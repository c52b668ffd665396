"""Alice lends Fargo to Bob and takes it back, sees a loan overdue, and buys a wished-for film."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from cinecat.catalog.models import Copy, CopyStatus
from cinecat.lending.models import Borrower, Loan
from tests.factories import CollectionFactory, CopyFactory, EditionFactory, WorkFactory

pytestmark = pytest.mark.e2e
TODAY = timezone.localdate()
DAY = dt.timedelta(days=1)
RED = "rgb(179, 38, 30)"


@pytest.fixture
def shelves(transactional_db):
    alice = CollectionFactory(name="Alice's shelves", slug="alice")
    fargo = CopyFactory(
        collection=alice, edition=EditionFactory(works=[WorkFactory(title="Fargo", year=1996)])
    )
    CopyFactory(collection=alice, edition=EditionFactory(works=[WorkFactory(title="Heat")]))
    Borrower.objects.create(collection=alice, name="Bob Stone", email="bob@example.org")
    return alice, fargo


def lend(page, borrower: str, typed: str, *, lent_on=None, due_on=None) -> None:
    page.get_by_text("Lend it").click()
    field = page.get_by_label("Borrower")
    field.press_sequentially(typed, delay=40)
    if typed != borrower:  # the borrower is offered as one types, then picked
        page.wait_for_function(
            f"[...document.querySelectorAll('#borrower-names option')]"
            f".some(o => o.value === {borrower!r})"
        )
        field.fill(borrower)
    if lent_on:
        page.get_by_label("Lent on").fill(lent_on.isoformat())
    if due_on:
        page.get_by_label("Due back").fill(due_on.isoformat())
    page.get_by_role("button", name="Lend", exact=True).click()


def test_lend_a_copy_see_it_everywhere_and_take_it_back(live_server, page, shelves):
    alice, fargo = shelves
    page.goto(f"{live_server.url}{fargo.get_absolute_url()}")
    lend(page, "Bob Stone", "Bo", due_on=TODAY + 14 * DAY)
    page.get_by_text(f"Lent #{fargo.index} Fargo to Bob Stone.").wait_for()
    said = page.locator(".on-loan-now").inner_text()
    assert f"On loan to Bob Stone since {TODAY:%b %d, %Y}" in said
    assert Loan.objects.get().borrower.name == "Bob Stone"

    page.goto(f"{live_server.url}/c/alice/")
    rows = page.locator(".copy-row")
    assert rows.filter(has_text="Fargo").locator(".badge.on-loan").count() == 1
    assert rows.filter(has_text="Heat").locator(".badge.on-loan").count() == 0

    page.get_by_role("link", name="On loan", exact=True).click()
    page.wait_for_url("**/on-loan/")
    assert "1 copy out" in page.locator("h1").inner_text()
    page.get_by_role("button", name="It is back").click()
    page.get_by_text(f"#{fargo.index} Fargo is back from Bob Stone.").wait_for()
    page.get_by_text("Every copy is at home.").wait_for()

    page.get_by_role("link", name="Bob Stone").wait_for(state="detached")
    page.goto(f"{live_server.url}{fargo.get_absolute_url()}")
    assert "Bob Stone" in page.locator(".loan-history").inner_text()


def test_a_loan_past_its_due_date_shows_overdue_in_red(live_server, page, shelves):
    alice, fargo = shelves
    page.goto(f"{live_server.url}{fargo.get_absolute_url()}")
    lend(page, "Carol", "Carol", lent_on=TODAY - 20 * DAY, due_on=TODAY - 5 * DAY)
    now = page.locator(".on-loan-now")
    now.wait_for()
    assert "overdue" in now.inner_text()
    assert now.evaluate("e => getComputedStyle(e).color") == RED
    assert Borrower.objects.filter(name="Carol").exists()  # made as she was named

    page.goto(f"{live_server.url}/c/alice/on-loan/")
    assert "1 overdue" in page.locator("h1").inner_text()
    row = page.locator(".loans-table tbody tr").first
    assert row.evaluate("e => getComputedStyle(e.cells[0]).color") == RED
    page.get_by_role("link", name="Carol").click()
    page.wait_for_url("**/borrowers/*/")
    assert "Fargo" in page.locator(".loans-table").inner_text()


def test_move_a_wish_list_item_into_the_collection(live_server, page, shelves):
    alice, _ = shelves
    wish = CopyFactory(
        collection=alice,
        edition=EditionFactory(works=[WorkFactory(title="Brazil", year=1985)]),
        status=CopyStatus.WISH_LIST,
        wish_priority=1,
        where_to_buy="Movie Barn",
        target_price=Decimal("12.00"),
    )
    page.goto(f"{live_server.url}/c/alice/")
    assert page.locator(".copy-row", has_text="Brazil").count() == 0
    page.get_by_role("link", name="Wish list", exact=True).first.click()
    page.wait_for_url("**/wish-list/")
    row = page.locator(".status-row", has_text="Brazil")
    assert "Priority High" in " ".join(row.inner_text().split())
    row.get_by_text("I bought it").click()
    bought = row.locator("details", has_text="I bought it")
    assert bought.get_by_label("Store").input_value() == "Movie Barn"
    bought.get_by_label("Price").fill("10.50")
    bought.get_by_label("Store").fill("Disc Shop")
    bought.get_by_role("button", name="Move into the collection").click()
    page.get_by_text(f"#{wish.index} Brazil is in the collection now.").wait_for()
    page.get_by_text("Nothing is wished for.").wait_for()

    saved = Copy.objects.get(pk=wish.pk)
    assert (saved.status, saved.purchased_on, saved.purchase_price, saved.purchase_store) == (
        CopyStatus.OWNED,
        TODAY,
        Decimal("10.50"),
        "Disc Shop",
    )
    page.goto(f"{live_server.url}/c/alice/")
    page.locator(".copy-row", has_text="Brazil").wait_for()
