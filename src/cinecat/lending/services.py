"""Lending: who borrows, lending a copy and taking it back.

A box set lends as one: lending it (or any film that came in it) lends the box and every film
in it, to the same borrower on the same dates, and returning one returns them all. Each
service is one transaction; a refusal raises ``LoanRefused`` and writes nothing.
"""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone

from cinecat.catalog.changes import changed, writing
from cinecat.catalog.models import Collection, Copy, CopyStatus

from .models import Borrower, Loan

# Only a disc on the shelf can leave it: a wish, an order or a sold copy is not at home.
LENDABLE = (CopyStatus.OWNED, CopyStatus.FOR_SALE)


# Where a copy of each status is, as a sentence says it: "#12 Fargo is on the wish list".
WHERE = {
    CopyStatus.OWNED: "in the collection",
    CopyStatus.WISH_LIST: "on the wish list",
    CopyStatus.ON_ORDER: "on order",
    CopyStatus.FOR_SALE: "for sale",
    CopyStatus.SOLD: "sold",
    CopyStatus.WATCHED: "watched, not owned",
}


class LoanRefused(ValueError):
    """A loan, a return or a borrower that cannot be: the message says why, naming what."""


@dataclass(frozen=True)
class Contact:
    """A borrower as a form gives one."""

    name: str
    email: str = ""
    phone: str = ""
    notes: str = ""


def title_of(copy: Copy) -> str:
    """ "#12 Fargo": how a refusal names a copy."""
    work = copy.first_work
    return f"#{copy.index} {work.title if work else copy.edition}"


def _checked(contact: Contact) -> Contact:
    name, email, phone = contact.name.strip(), contact.email.strip(), contact.phone.strip()
    if not name:
        raise LoanRefused("The borrower's name is missing.")
    if len(name) > Borrower._meta.get_field("name").max_length:
        raise LoanRefused("The borrower's name is longer than 200 characters.")
    if len(phone) > Borrower._meta.get_field("phone").max_length:
        raise LoanRefused(f"The phone number of {name} is longer than 40 characters.")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise LoanRefused(f"The e-mail address of {name}, “{email}”, is not one.") from None
    return Contact(name, email, phone, contact.notes.strip())


def borrower_for(collection: Collection, contact: Contact) -> Borrower:
    """The collection's borrower of this name (whatever its case), made when new; an e-mail,
    phone or notes given fill in what the borrower had not."""
    contact = _checked(contact)
    with writing():
        found = collection.borrowers.filter(name__iexact=contact.name).first()
        if found is None:
            return Borrower.objects.create(collection=collection, **contact.__dict__)
        for name in ("email", "phone", "notes"):
            if getattr(contact, name) and not getattr(found, name):
                setattr(found, name, getattr(contact, name))
        found.save()
        return found


def update_borrower(borrower: Borrower, contact: Contact) -> Borrower:
    """Rename a borrower or change their contact details; a name another borrower has is
    refused."""
    contact = _checked(contact)
    with writing():
        taken = borrower.collection.borrowers.filter(name__iexact=contact.name)
        if taken.exclude(pk=borrower.pk).exists():
            raise LoanRefused(f"Another borrower is already called {contact.name}.")
        for name, value in contact.__dict__.items():
            setattr(borrower, name, value)
        borrower.save()
        return borrower


def lent_together(copy: Copy) -> list[Copy]:
    """The copies that leave the shelf with this one: a box set and the films in it."""
    box = copy.box_set if copy.box_set_id and copy.box_set.trashed_at is None else copy
    return [box, *box.box_contents.filter(trashed_at__isnull=True).order_by("index")]


def open_loan(copy: Copy) -> Loan | None:
    """The loan the copy (or the box set it came in) is out on, if it is."""
    group = lent_together(copy)
    loans = Loan.objects.filter(copy__in=group, returned_on__isnull=True)
    return loans.select_related("borrower", "copy").order_by("lent_on", "pk").first()


def lend(
    copy: Copy,
    borrower: Borrower,
    *,
    lent_on: dt.date | None = None,
    due_on: dt.date | None = None,
    notes: str = "",
) -> list[Loan]:
    """Lend the copy (with its box set or its films) to the borrower; refused when it is out
    already, is not in the collection, or the dates do not hold."""
    today = timezone.localdate()
    lent_on = lent_on or today
    with writing():
        group = list(Copy.objects.select_for_update().filter(pk__in=_pks(copy)).order_by("pk"))
        if borrower.collection_id != copy.collection_id:
            raise LoanRefused(f"{borrower} borrows from another collection.")
        _refuse_unlendable(copy, group)
        if lent_on > today:
            raise LoanRefused(f"The loan date {lent_on:%b %d, %Y} is in the future.")
        if due_on is not None and due_on < lent_on:
            raise LoanRefused(
                f"The due date {due_on:%b %d, %Y} is before the loan date {lent_on:%b %d, %Y}."
            )
        loans = [
            Loan.objects.create(
                copy=member, borrower=borrower, lent_on=lent_on, due_on=due_on, notes=notes
            )
            for member in group
        ]
        changed(counts=True)  # the "on loan" counts moved
        return loans


def lend_to(
    copy: Copy,
    contact: Contact,
    *,
    lent_on: dt.date | None = None,
    due_on: dt.date | None = None,
    notes: str = "",
) -> list[Loan]:
    """Lend the copy to the borrower of this name, made when new: a refused loan makes no one."""
    with writing():
        borrower = borrower_for(copy.collection, contact)
        return lend(copy, borrower, lent_on=lent_on, due_on=due_on, notes=notes.strip())


def _pks(copy: Copy) -> list[int]:
    return [member.pk for member in lent_together(copy)]


def _refuse_unlendable(copy: Copy, group: list[Copy]) -> None:
    out = open_loan(copy)
    if out is not None:
        since = f"{out.lent_on:%b %d, %Y}"
        raise LoanRefused(
            f"{title_of(copy)} is already on loan to {out.borrower} since {since}: "
            "take it back before lending it again."
        )
    for member in group:
        if member.status not in LENDABLE:
            raise LoanRefused(
                f"{title_of(member)} is {WHERE.get(member.status, member.status)}, not in the "
                "collection: only a copy on the shelf can be lent."
            )


def return_copy(copy: Copy, *, returned_on: dt.date | None = None) -> list[Loan]:
    """Take the copy back (with its box set or its films): its open loans end on
    ``returned_on``, today when not given."""
    returned_on = returned_on or timezone.localdate()
    with writing():
        list(Copy.objects.select_for_update().filter(pk__in=_pks(copy)))
        loans = list(
            Loan.objects.select_for_update()
            .filter(copy__in=_pks(copy), returned_on__isnull=True)
            .select_related("borrower")
        )
        if not loans:
            raise LoanRefused(f"{title_of(copy)} is not on loan.")
        if returned_on > timezone.localdate():
            raise LoanRefused(f"The return date {returned_on:%b %d, %Y} is in the future.")
        first = min(loan.lent_on for loan in loans)
        if returned_on < first:
            raise LoanRefused(
                f"The return date {returned_on:%b %d, %Y} is before the loan date "
                f"{first:%b %d, %Y}."
            )
        for loan in loans:
            loan.returned_on = returned_on
            loan.save(update_fields=["returned_on"])
        changed(counts=True)
        return loans
