"""The wish list and what is on order, with the moves that bring a copy onto the shelf."""

from django.contrib import messages
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from cinecat.catalog import selectors
from cinecat.catalog.models import CopyStatus
from cinecat.catalog.views import back_to

from .. import status
from ..forms import BuyForm, OrderForm, SellForm, errors_in_words
from ..services import title_of


def wish_list(request: HttpRequest, collection: str) -> HttpResponse:
    """What is wished for, the most wanted first, each with "I bought it"."""
    current = selectors.resolve_collection(collection)
    wished = current.copies.filter(status=CopyStatus.WISH_LIST)
    order = (F("wish_priority").asc(nulls_last=True), "edition__edition_works__work__title_order")
    copies = list(selectors.copy_rows(wished, (*order, "index")))
    context = {"collection": current, "copies": copies, "form": BuyForm()}
    return render(request, "lending/wish_list.html", context)


def on_order(request: HttpRequest, collection: str) -> HttpResponse:
    """What is ordered, the soonest expected first, each with "Arrived"."""
    current = selectors.resolve_collection(collection)
    ordered = current.copies.filter(status=CopyStatus.ON_ORDER)
    copies = list(selectors.copy_rows(ordered, (F("expected_on").asc(nulls_last=True), "index")))
    context = {"collection": current, "copies": copies}
    return render(request, "lending/on_order.html", context)


@require_POST
def bought(request: HttpRequest, collection: str, index: int) -> HttpResponse:
    current = selectors.resolve_collection(collection)
    copy = selectors.copy_detail(current, index)
    form = BuyForm(request.POST)
    back = redirect(back_to(request) or reverse("lending:wish-list", args=[current.slug]))
    if not form.is_valid():
        messages.error(request, f"{title_of(copy)} was not moved: {errors_in_words(form)}")
        return back
    data = form.cleaned_data
    try:
        saved = status.buy(
            copy, price=data["price"], store=data["store"], on=data["purchased_on"], by=request.user
        )
    except status.StatusRefused as refused:
        messages.error(request, str(refused))
        return back
    messages.success(request, f"{title_of(saved)} is in the collection now.")
    return back


@require_POST
def arrived(request: HttpRequest, collection: str, index: int) -> HttpResponse:
    current = selectors.resolve_collection(collection)
    copy = selectors.copy_detail(current, index)
    try:
        saved = status.arrived(copy, by=request.user)
    except status.StatusRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, f"{title_of(saved)} arrived: it is in the collection now.")
    return redirect(back_to(request) or reverse("lending:on-order", args=[current.slug]))


@require_POST
def ordered(request: HttpRequest, collection: str, index: int) -> HttpResponse:
    current = selectors.resolve_collection(collection)
    copy = selectors.copy_detail(current, index)
    form = OrderForm(request.POST)
    back = redirect(back_to(request) or reverse("lending:wish-list", args=[current.slug]))
    if not form.is_valid():
        messages.error(request, f"{title_of(copy)} was not ordered: {errors_in_words(form)}")
        return back
    data = form.cleaned_data
    try:
        saved = status.order(
            copy,
            price=data["price"],
            store=data["store"],
            on=data["purchased_on"],
            expected_on=data["expected_on"],
            by=request.user,
        )
    except status.StatusRefused as refused:
        messages.error(request, str(refused))
        return back
    messages.success(request, f"{title_of(saved)} is on order now.")
    return back


@require_POST
def sold(request: HttpRequest, collection: str, index: int) -> HttpResponse:
    current = selectors.resolve_collection(collection)
    copy = selectors.copy_detail(current, index)
    form = SellForm(request.POST)
    if not form.is_valid():
        messages.error(request, f"{title_of(copy)} was not sold: {errors_in_words(form)}")
        return redirect(copy)
    data = form.cleaned_data
    try:
        saved = status.sell(copy, price=data["price"], on=data["sold_on"], by=request.user)
    except status.StatusRefused as refused:
        messages.error(request, str(refused))
        return redirect(copy)
    messages.success(request, f"{title_of(saved)} is sold: it left the collection.")
    return redirect(saved)
