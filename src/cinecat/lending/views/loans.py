"""Lending pages: lend and take back a copy, what is out, a borrower's page."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from cinecat.catalog import selectors

from .. import queries, services
from ..forms import BorrowerForm, LendForm, errors_in_words
from ..models import Borrower


@require_POST
def lend(request: HttpRequest, collection: str, index: int) -> HttpResponse:
    current = selectors.resolve_collection(collection)
    copy = selectors.copy_detail(current, index)
    form = LendForm(request.POST, collection=current)
    if not form.is_valid():
        messages.error(request, f"Not lent: {errors_in_words(form)}")
        return redirect(copy)
    data = form.cleaned_data
    contact = services.Contact(data["borrower"], data["email"], data["phone"])
    try:
        loans = services.lend_to(
            copy, contact, lent_on=data["lent_on"], due_on=data["due_on"], notes=data["notes"]
        )
    except services.LoanRefused as refused:
        messages.error(request, f"Not lent: {refused}")
        return redirect(copy)
    others = len(loans) - 1
    together = f" with the {others} film{'s' if others > 1 else ''} in it" if others else ""
    said = f"Lent {services.title_of(loans[0].copy)}{together} to {loans[0].borrower}."
    messages.success(request, said)
    return redirect(copy)


@require_POST
def return_loan(request: HttpRequest, collection: str, index: int) -> HttpResponse:
    current = selectors.resolve_collection(collection)
    copy = selectors.copy_detail(current, index)
    try:
        loans = services.return_copy(copy)
    except services.LoanRefused as refused:
        messages.error(request, str(refused))
    else:
        said = f"{services.title_of(loans[0].copy)} is back from {loans[0].borrower}."
        messages.success(request, said)
    back = request.POST.get("next", "")
    return redirect(back if back.startswith("/") and not back.startswith("//") else copy)


def on_loan(request: HttpRequest, collection: str) -> HttpResponse:
    current = selectors.resolve_collection(collection)
    loans = queries.out_on_loan(current)
    context = {
        "collection": current,
        "loans": loans,
        "overdue": sum(loan.overdue for loan in loans),
    }
    return render(request, "lending/on_loan.html", context)


def borrower_detail(request: HttpRequest, collection: str, borrower: int) -> HttpResponse:
    """A borrower's contact details (edited here) and everything they borrowed."""
    current = selectors.resolve_collection(collection)
    person = get_object_or_404(Borrower, collection=current, pk=borrower)
    form = BorrowerForm(request.POST or None, instance=person)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            contact = services.Contact(
                **{k: form.cleaned_data[k] for k in BorrowerForm.Meta.fields}
            )
            try:
                services.update_borrower(person, contact)
            except services.LoanRefused as refused:
                form.add_error("name", str(refused))
            else:
                messages.success(request, f"Saved {person}.")
                return redirect(
                    "lending:borrower-detail", collection=current.slug, borrower=person.pk
                )
        person.refresh_from_db()
        status = 400
    context = {
        "collection": current,
        "borrower": person,
        "form": form,
        "loans": queries.loans_of_borrower(person),
    }
    return render(request, "lending/borrower_detail.html", context, status=status)


def borrower_suggest(request: HttpRequest, collection: str) -> HttpResponse:
    """<option>s of the borrowers whose name holds what is typed."""
    current = selectors.resolve_collection(collection)
    found = queries.borrowers_named(current, request.GET.get("borrower", ""))
    return render(request, "lending/partials/_borrower_options.html", {"borrowers": found})
