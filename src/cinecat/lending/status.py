"""A copy's way onto the shelf and off it: wished for, bought, ordered, arrived, sold.

Each move is one transaction, put on the copy's history, and refused (``StatusRefused``,
nothing written) when the copy is not where the move starts from.
"""

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from django.utils import timezone

from cinecat.catalog import history
from cinecat.catalog.changes import changed, writing
from cinecat.catalog.models import ChangeAction, Copy, CopyStatus

from .models import Loan
from .services import WHERE, title_of


class StatusRefused(ValueError):
    """A move the copy's status does not allow: the message names the copy and its status."""


def buy(
    copy: Copy,
    *,
    price: Decimal | None = None,
    store: str = "",
    currency: str = "",
    on: dt.date | None = None,
    by=None,
) -> Copy:
    """ "I bought it": a wished-for (or ordered) copy comes into the collection, bought today
    unless ``on`` says otherwise, for ``price`` at ``store``."""
    on = _not_future(on, "purchase")
    _positive(price, "purchase price")

    def move(saved: Copy) -> None:
        saved.status = CopyStatus.OWNED
        saved.purchased_on = on
        saved.purchase_price = price
        saved.purchase_store = store.strip() or saved.purchase_store or saved.where_to_buy
        saved.purchase_currency = currency.strip().upper() or saved.purchase_currency
        saved.expected_on = None

    return _move(copy, (CopyStatus.WISH_LIST, CopyStatus.ON_ORDER), move, by)


def order(
    copy: Copy,
    *,
    price: Decimal | None = None,
    store: str = "",
    on: dt.date | None = None,
    expected_on: dt.date | None = None,
    by=None,
) -> Copy:
    """ "I ordered it": a wished-for copy is on order since ``on`` (today unless given), for
    ``price`` at ``store``, expected on ``expected_on``."""
    on = _not_future(on, "order")
    _positive(price, "price")
    if expected_on is not None and expected_on < on:
        raise StatusRefused(
            f"The expected date {expected_on:%b %d, %Y} is before the order date {on:%b %d, %Y}."
        )

    def move(saved: Copy) -> None:
        saved.status = CopyStatus.ON_ORDER
        saved.purchased_on = on
        saved.purchase_price = price
        saved.purchase_store = store.strip() or saved.purchase_store or saved.where_to_buy
        saved.expected_on = expected_on

    return _move(copy, (CopyStatus.WISH_LIST,), move, by)


def arrived(copy: Copy, *, on: dt.date | None = None, by=None) -> Copy:
    """An ordered copy arrived: it is in the collection, bought on the day it was ordered
    when that was given, else on the day it came."""
    on = _not_future(on, "arrival")

    def move(saved: Copy) -> None:
        saved.status = CopyStatus.OWNED
        saved.purchased_on = saved.purchased_on or on
        saved.expected_on = None

    return _move(copy, (CopyStatus.ON_ORDER,), move, by)


def sell(copy: Copy, *, price: Decimal | None = None, on: dt.date | None = None, by=None) -> Copy:
    """The copy was sold on ``on`` (today unless given) for ``price``: it leaves the
    collection, keeping both. A copy out on loan is not at home to be sold."""
    on = _not_future(on, "sale")
    _positive(price, "sale price")
    lent = Loan.objects.filter(copy=copy, returned_on__isnull=True).select_related("borrower")
    if (loan := lent.first()) is not None:
        raise StatusRefused(f"{title_of(copy)} is on loan to {loan.borrower}: take it back first.")

    def move(saved: Copy) -> None:
        saved.status = CopyStatus.SOLD
        saved.sold_on = on
        saved.sold_price = price

    return _move(copy, (CopyStatus.OWNED, CopyStatus.FOR_SALE), move, by)


def _move(copy: Copy, allowed: tuple[str, ...], move: Callable[[Copy], None], by) -> Copy:
    with writing():
        saved = Copy.objects.select_for_update().get(pk=copy.pk)
        if saved.status not in allowed:
            names = " or ".join(WHERE[status] for status in allowed)
            where = WHERE.get(saved.status, saved.status)
            raise StatusRefused(f"{title_of(saved)} is {where}, not {names}.")
        before = history.snapshot(history.record_of(saved))
        move(saved)
        saved.save()
        after = history.snapshot(history.record_of(saved))
        history.note(saved, ChangeAction.EDITED, by, history.differences(before, after))
        changed(copies=[saved.pk])
        return saved


def _not_future(on: dt.date | None, what: str) -> dt.date:
    today = timezone.localdate()
    on = on or today
    if on > today:
        raise StatusRefused(f"The {what} date {on:%b %d, %Y} is in the future.")
    return on


def _positive(price: Decimal | None, what: str) -> None:
    if price is not None and price < 0:
        raise StatusRefused(f"The {what} {price} is below zero.")
