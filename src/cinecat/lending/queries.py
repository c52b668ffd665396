"""Reading loans: what is out (overdue first), a copy's and a borrower's loan history."""

import datetime as dt

from django.db.models import (
    Case,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone

from cinecat.catalog.models import Collection, Copy, EditionWork

from .models import Borrower, Loan

SUGGESTED = 8


def _with_titles(loans: QuerySet[Loan]) -> QuerySet[Loan]:
    first_work = Prefetch(
        "copy__edition__edition_works",
        queryset=EditionWork.objects.select_related("work").order_by("order"),
    )
    return loans.select_related("borrower", "copy__edition", "copy__collection").prefetch_related(
        first_work, "copy__box_contents"
    )


def out_on_loan(collection: Collection, today: dt.date | None = None) -> list[Loan]:
    """The loans still open in the collection, overdue first (longest overdue first), then by
    due date (those with none last), then oldest first. A box set lent as one is one row: the
    films that went with it are not listed again."""
    today = today or timezone.localdate()
    box_out = Loan.objects.filter(
        copy=OuterRef("copy__box_set"), returned_on__isnull=True, borrower=OuterRef("borrower")
    )
    loans = (
        Loan.objects.filter(copy__collection=collection, copy__trashed_at__isnull=True)
        .filter(returned_on__isnull=True)
        .exclude(Exists(box_out))
        .annotate(
            late=Case(When(due_on__lt=today, then=Value(0)), default=1, output_field=IntegerField())
        )
        .order_by("late", F("due_on").asc(nulls_last=True), "lent_on", "copy__index")
    )
    found = list(_with_titles(loans))
    for loan in found:
        loan.overdue = loan.is_overdue(today)
    return found


def loans_of_copy(copy: Copy) -> list[Loan]:
    """Every loan of the copy, the latest first."""
    return list(copy.loans.select_related("borrower").order_by("-lent_on", "-pk"))


def loans_of_borrower(borrower: Borrower, today: dt.date | None = None) -> list[Loan]:
    """Everything the borrower had or has, what is still out first, then the latest."""
    today = today or timezone.localdate()
    loans = borrower.loans.filter(copy__trashed_at__isnull=True).annotate(
        back=Case(When(returned_on__isnull=True, then=Value(0)), default=1)
    )
    found = list(_with_titles(loans.order_by("back", "-lent_on", "copy__index")))
    for loan in found:
        loan.overdue = loan.is_overdue(today)
    return found


def borrowers_named(collection: Collection, text: str) -> list[Borrower]:
    """The collection's borrowers whose name holds ``text`` (for picking as one types)."""
    text = text.strip()
    if not text:
        return []
    found = collection.borrowers.filter(name__icontains=text)
    starts = Case(When(name__istartswith=text, then=Value(0)), default=1)
    return list(found.annotate(starts=starts).order_by("starts", "name")[:SUGGESTED])
