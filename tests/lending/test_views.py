"""The lending pages and the status views, through the test client."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cinecat.catalog.models import CopyStatus
from cinecat.catalog.records import CopyRecord, LoanRecord, Record, WorkRecord
from cinecat.interchange.writer import apply_records
from cinecat.lending import services
from cinecat.lending.models import Borrower, Loan
from tests.catalog.test_pages import visible_text
from tests.factories import CopyFactory

TODAY = timezone.localdate()
DAY = dt.timedelta(days=1)


def url(name: str, copy=None, **kwargs) -> str:
    if copy is not None:
        kwargs["index"] = copy.index
    return reverse(f"lending:{name}", kwargs={"collection": "alice", **kwargs})


def test_lending_from_the_copy_page_makes_the_borrower_and_says_so(client, fargo):
    page = client.get(fargo.get_absolute_url())
    assert "At home." in visible_text(page.content)
    posted = client.post(
        url("lend", fargo),
        {"borrower": "Dan", "email": "dan@example.org", "lent_on": TODAY, "due_on": ""},
        follow=True,
    )
    text = visible_text(posted.content)
    assert f"Lent #{fargo.index} Fargo to Dan." in text
    assert f"On loan to Dan since {TODAY:%b %d, %Y}" in text
    dan = Borrower.objects.get(name="Dan")
    assert (dan.email, Loan.objects.get().borrower) == ("dan@example.org", dan)


def test_lending_a_copy_on_loan_is_refused_on_the_page_naming_who_has_it(client, fargo, bob):
    services.lend(fargo, bob)
    posted = client.post(url("lend", fargo), {"borrower": "Carol", "lent_on": TODAY}, follow=True)
    assert "Not lent: #1 Fargo is already on loan to Bob since" in visible_text(posted.content)
    assert Loan.objects.count() == 1
    assert not Borrower.objects.filter(name="Carol").exists()  # nothing written


def test_a_bad_date_is_refused_naming_the_field(client, fargo):
    posted = client.post(url("lend", fargo), {"borrower": "Dan", "lent_on": "soon"}, follow=True)
    assert "Not lent: Lent on: Enter a valid date." in visible_text(posted.content)
    assert not Loan.objects.exists()


def test_an_overdue_loan_is_red_on_the_copy_page_and_first_on_loan(
    client, alice_collection, fargo, bob
):
    other = CopyFactory(collection=alice_collection)
    services.lend(other, bob, lent_on=TODAY - DAY)
    services.lend(fargo, bob, lent_on=TODAY - 20 * DAY, due_on=TODAY - 6 * DAY)
    page = client.get(fargo.get_absolute_url())
    assert b'class="on-loan-now overdue"' in page.content
    assert "overdue" in visible_text(page.content)
    listed = client.get(url("on-loan"))
    text = visible_text(listed.content)
    assert "2 copies out, 1 overdue" in text
    assert text.index("Fargo") < text.index(other.first_work.title)


def test_returning_from_the_on_loan_view_goes_back_to_it(client, fargo, bob):
    services.lend(fargo, bob)
    back = client.post(url("return", fargo), {"next": url("on-loan")})
    assert back.url == url("on-loan")
    assert Loan.objects.get().returned_on == TODAY
    assert "Every copy is at home." in visible_text(client.get(back.url).content)


def test_returning_a_copy_at_home_says_it_is_not_on_loan(client, fargo):
    back = client.post(url("return", fargo), follow=True)
    assert "#1 Fargo is not on loan." in visible_text(back.content)


def test_every_list_view_badges_a_copy_on_loan(client, alice_collection, fargo, bob):
    CopyFactory(collection=alice_collection)
    services.lend(fargo, bob)
    for view in ("list", "table", "cards", "grid"):
        page = client.get(f"/c/alice/?view={view}")
        assert page.content.count(b'class="badge on-loan"') == 1, view


def test_the_borrower_page_lists_what_they_have_and_had(client, fargo, bob):
    services.lend(fargo, bob, lent_on=TODAY - 9 * DAY)
    services.return_copy(fargo, returned_on=TODAY - 2 * DAY)
    services.lend(fargo, bob)
    page = client.get(url("borrower-detail", borrower=bob.pk))
    text = visible_text(page.content)
    assert "bob@example.org" in text
    assert text.index("still out") < text.index(f"{TODAY - 2 * DAY:%b %d, %Y}")


def test_the_borrower_page_changes_contact_details_and_refuses_a_taken_name(client, bob, carol):
    page = client.post(url("borrower-detail", borrower=bob.pk), {"name": "Carol", "email": ""})
    assert page.status_code == 400
    assert "Another borrower is already called Carol." in visible_text(page.content)
    client.post(url("borrower-detail", borrower=bob.pk), {"name": "Rob", "phone": "555"})
    bob.refresh_from_db()
    assert (bob.name, bob.phone) == ("Rob", "555")


def test_borrower_suggestions_complete_a_typed_name(client, bob, carol):
    found = client.get(url("borrower-suggest"), {"borrower": "ca"}, HTTP_HX_REQUEST="true")
    assert found.content.decode().strip() == '<option value="Carol"></option>'


def test_an_imported_loan_is_on_the_on_loan_view_and_the_copy_page(client, alice_collection):
    record = Record(
        works=(WorkRecord(title="Brazil", year=1985),),
        copy=CopyRecord(
            index=7,
            loans=(
                LoanRecord("Eve", lent_on=TODAY - 40 * DAY, returned_on=TODAY - 30 * DAY),
                LoanRecord("Dan", lent_on=TODAY - 9 * DAY, due_on=TODAY - 2 * DAY),
            ),
        ),
    )
    apply_records([record], alice_collection)
    text = visible_text(client.get(url("on-loan")).content)
    assert "1 copy out, 1 overdue" in text
    assert "Brazil #7 Dan" in text
    page = visible_text(client.get("/c/alice/7/").content)
    assert f"On loan to Dan since {TODAY - 9 * DAY:%b %d, %Y}" in page
    assert f"Eve , {TODAY - 40 * DAY:%b %d, %Y} – {TODAY - 30 * DAY:%b %d, %Y}" in page


@pytest.fixture
def wished(fargo):
    fargo.status = CopyStatus.WISH_LIST
    fargo.wish_priority = 1
    fargo.where_to_buy = "Movie Barn"
    fargo.target_price = Decimal("9.99")
    fargo.save()
    return fargo


def test_the_wish_list_shows_priority_where_and_target_price(client, wished):
    text = visible_text(client.get(url("wish-list")).content)
    assert "Priority High" in text
    assert "Where to buy Movie Barn" in text
    assert "Target price 9.99" in text


def test_i_bought_it_moves_the_wish_into_the_collection(client, wished):
    posted = client.post(
        url("bought", wished),
        {"price": "8.00", "store": "Disc Shop", "purchased_on": TODAY},
        follow=True,
    )
    assert "#1 Fargo is in the collection now." in visible_text(posted.content)
    wished.refresh_from_db()
    assert (wished.status, wished.purchased_on, wished.purchase_price) == (
        CopyStatus.OWNED,
        TODAY,
        Decimal("8.00"),
    )


def test_i_bought_it_refuses_a_price_that_is_none(client, wished):
    posted = client.post(
        url("bought", wished), {"price": "lots", "purchased_on": TODAY}, follow=True
    )
    assert "#1 Fargo was not moved: Price: Enter a number." in visible_text(posted.content)
    wished.refresh_from_db()
    assert wished.status == CopyStatus.WISH_LIST


def test_on_order_shows_the_expected_date_and_arrived_brings_it_in(client, fargo):
    fargo.status = CopyStatus.ON_ORDER
    fargo.expected_on = TODAY - DAY
    fargo.save()
    page = client.get(url("on-order"))
    assert f"Expected {TODAY - DAY:%b %d, %Y}" in visible_text(page.content)
    assert b'class="overdue"' in page.content
    arrived = client.post(url("arrived", fargo), follow=True)
    assert "#1 Fargo arrived: it is in the collection now." in visible_text(arrived.content)
    assert "Nothing is on order." in visible_text(arrived.content)


def test_a_box_set_lent_from_the_page_says_its_films_went_with_it(client, trilogy):
    box, inside = trilogy
    posted = client.post(
        url("lend", inside[0]),
        {"borrower": "Dan", "lent_on": TODAY, "notes": "all three"},
        follow=True,
    )
    assert f"Lent #{box.index} Alien with the 3 films in it to Dan." in visible_text(posted.content)
    assert set(Loan.objects.values_list("notes", flat=True)) == {"all three"}
    film_page = visible_text(client.get(inside[2].get_absolute_url()).content)
    assert f"Lent with its box set #{box.index} : On loan to Dan" in film_page
    listed = visible_text(client.get(url("on-loan")).content)
    assert "1 copy out" in listed
    assert "(box set, 3 films)" in listed


def test_the_on_loan_view_reads_the_same_few_queries_however_many_are_out(
    client, alice_collection, bob, django_assert_max_num_queries
):
    def out(count: int) -> None:
        for _ in range(count):
            services.lend(CopyFactory(collection=alice_collection), bob)

    out(2)
    with CaptureQueriesContext(connection) as few:
        client.get(url("on-loan"))
    out(20)
    with django_assert_max_num_queries(len(few)):
        page = client.get(url("on-loan"))
    assert "22 copies out" in visible_text(page.content)


def test_the_copy_page_of_a_wish_buys_it_and_comes_back(client, wished):
    page = visible_text(client.get(wished.get_absolute_url()).content)
    assert "On the wish list , at most 9.99, from Movie Barn." in page
    posted = client.post(
        url("bought", wished),
        {"price": "9.00", "store": "", "purchased_on": TODAY, "next": wished.get_absolute_url()},
        follow=True,
    )
    assert posted.redirect_chain[-1][0] == wished.get_absolute_url()
    text = visible_text(posted.content)
    assert "#1 Fargo is in the collection now." in text
    assert "Sold it?" in text  # on the shelf now


def test_i_ordered_it_from_the_wish_list_lands_on_order(client, wished):
    client.post(
        url("ordered", wished),
        {"price": "9.00", "store": "Disc Shop", "purchased_on": TODAY, "expected_on": TODAY + DAY},
    )
    text = visible_text(client.get(url("on-order")).content)
    assert f"Expected {TODAY + DAY:%b %d, %Y} Store Disc Shop Price 9.00" in text


def test_selling_from_the_copy_page_keeps_the_date_and_price(client, fargo):
    posted = client.post(url("sold", fargo), {"price": "3.50", "sold_on": TODAY}, follow=True)
    text = visible_text(posted.content)
    assert "#1 Fargo is sold: it left the collection." in text
    assert f"Sold on {TODAY:%b %d, %Y} for 3.50" in text
    fargo.refresh_from_db()
    assert (fargo.status, fargo.sold_price) == (CopyStatus.SOLD, Decimal("3.50"))


def test_selling_a_copy_on_loan_is_refused_on_the_page(client, fargo, bob):
    services.lend(fargo, bob)
    posted = client.post(url("sold", fargo), {"price": "3.50", "sold_on": TODAY}, follow=True)
    assert "#1 Fargo is on loan to Bob: take it back first." in visible_text(posted.content)
