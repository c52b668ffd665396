"""A copy's moves between the wish list, an order, the shelf and a sale."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from cinecat.catalog.models import CopyStatus
from cinecat.lending import services, status
from cinecat.lending.status import StatusRefused

TODAY = timezone.localdate()
DAY = dt.timedelta(days=1)


@pytest.fixture
def wished(fargo):
    fargo.status = CopyStatus.WISH_LIST
    fargo.where_to_buy = "Movie Barn"
    fargo.target_price = Decimal("9.99")
    fargo.save()
    return fargo


def test_i_bought_it_moves_a_wish_into_the_collection_bought_today(wished):
    saved = status.buy(wished, price=Decimal("8.50"), store="Disc Shop")
    saved.refresh_from_db()
    assert (saved.status, saved.purchased_on, saved.purchase_price, saved.purchase_store) == (
        CopyStatus.OWNED,
        TODAY,
        Decimal("8.50"),
        "Disc Shop",
    )
    change = saved.changes.get()
    assert change.changes["Status"] == ["Wish list", "Owned"]
    assert change.changes["Purchase price"] == ["", "8.50"]


def test_i_bought_it_without_a_store_takes_where_to_buy(wished):
    saved = status.buy(wished)
    assert (saved.purchase_store, saved.purchase_price) == ("Movie Barn", None)


@pytest.mark.parametrize(
    ("start", "said"),
    [
        (CopyStatus.OWNED, "in the collection"),
        (CopyStatus.SOLD, "sold"),
        (CopyStatus.FOR_SALE, "for sale"),
    ],
)
def test_i_bought_it_refuses_a_copy_that_is_no_wish_or_order(fargo, start, said):
    fargo.status = start
    fargo.save()
    with pytest.raises(StatusRefused) as refused:
        status.buy(fargo, price=Decimal("5"))
    assert (
        str(refused.value) == f"#{fargo.index} Fargo is {said}, not on the wish list or on order."
    )
    fargo.refresh_from_db()
    assert (fargo.status, fargo.purchase_price) == (start, None)


def test_i_bought_it_refuses_a_date_to_come_and_a_price_below_zero(wished):
    with pytest.raises(StatusRefused, match="purchase date .* is in the future"):
        status.buy(wished, on=TODAY + DAY)
    with pytest.raises(StatusRefused, match="purchase price -1 is below zero"):
        status.buy(wished, price=Decimal("-1"))
    wished.refresh_from_db()
    assert wished.status == CopyStatus.WISH_LIST


def test_an_order_that_arrived_is_in_the_collection_keeping_its_order_date(fargo):
    fargo.status = CopyStatus.ON_ORDER
    fargo.purchased_on = TODAY - 6 * DAY
    fargo.expected_on = TODAY - DAY
    fargo.save()
    saved = status.arrived(fargo)
    assert (saved.status, saved.purchased_on, saved.expected_on) == (
        CopyStatus.OWNED,
        TODAY - 6 * DAY,
        None,
    )


def test_an_order_without_an_order_date_is_bought_the_day_it_arrived(fargo):
    fargo.status = CopyStatus.ON_ORDER
    fargo.save()
    assert status.arrived(fargo, on=TODAY - DAY).purchased_on == TODAY - DAY


def test_arrived_refuses_a_copy_that_was_not_ordered(wished):
    with pytest.raises(StatusRefused, match="is on the wish list, not on order"):
        status.arrived(wished)


def test_sold_keeps_the_date_and_the_price(fargo):
    saved = status.sell(fargo, price=Decimal("4.00"), on=TODAY - DAY)
    saved.refresh_from_db()
    assert (saved.status, saved.sold_on, saved.sold_price) == (
        CopyStatus.SOLD,
        TODAY - DAY,
        Decimal("4.00"),
    )


def test_a_copy_out_on_loan_cannot_be_sold(fargo, bob):
    services.lend(fargo, bob)
    with pytest.raises(StatusRefused, match="is on loan to Bob: take it back first"):
        status.sell(fargo, price=Decimal("4"))
    fargo.refresh_from_db()
    assert fargo.status == CopyStatus.OWNED


def test_i_ordered_it_puts_a_wish_on_order_with_its_expected_date(wished):
    saved = status.order(wished, price=Decimal("11"), on=TODAY - DAY, expected_on=TODAY + 3 * DAY)
    assert (saved.status, saved.purchased_on, saved.expected_on, saved.purchase_store) == (
        CopyStatus.ON_ORDER,
        TODAY - DAY,
        TODAY + 3 * DAY,
        "Movie Barn",
    )
    assert status.arrived(saved).purchased_on == TODAY - DAY  # bought when ordered


def test_i_ordered_it_refuses_an_arrival_expected_before_the_order(wished):
    with pytest.raises(StatusRefused, match="expected date .* is before the order date"):
        status.order(wished, expected_on=TODAY - DAY)
    wished.refresh_from_db()
    assert wished.status == CopyStatus.WISH_LIST


def test_a_sold_copy_cannot_be_sold_again(fargo):
    status.sell(fargo, price=Decimal("4"))
    with pytest.raises(StatusRefused, match="is sold, not in the collection or for sale"):
        status.sell(fargo, price=Decimal("5"))
