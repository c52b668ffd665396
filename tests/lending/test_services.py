"""Lending rules, at the service level: who may borrow, what may be lent, what is overdue."""

import datetime as dt

import pytest
from django.utils import timezone

from cinecat.catalog.models import CopyStatus
from cinecat.lending import queries, services
from cinecat.lending.models import Borrower, Loan
from cinecat.lending.services import Contact, LoanRefused

TODAY = timezone.localdate()
DAY = dt.timedelta(days=1)


def test_lend_opens_a_loan_from_today_with_its_due_date(fargo, bob):
    [loan] = services.lend(fargo, bob, due_on=TODAY + 14 * DAY)
    assert (loan.copy, loan.borrower, loan.lent_on, loan.due_on) == (
        fargo,
        bob,
        TODAY,
        TODAY + 14 * DAY,
    )
    assert services.open_loan(fargo) == loan


def test_lend_refuses_a_copy_already_on_loan_naming_who_has_it(fargo, bob, carol):
    services.lend(fargo, bob, lent_on=TODAY - 3 * DAY)
    with pytest.raises(LoanRefused) as refused:
        services.lend(fargo, carol)
    assert str(refused.value) == (
        f"#{fargo.index} Fargo is already on loan to Bob since "
        f"{TODAY - 3 * DAY:%b %d, %Y}: take it back before lending it again."
    )
    assert Loan.objects.count() == 1


@pytest.mark.parametrize("status", [CopyStatus.WISH_LIST, CopyStatus.ON_ORDER, CopyStatus.SOLD])
def test_lend_refuses_a_copy_that_is_not_on_the_shelf(fargo, bob, status):
    fargo.status = status
    fargo.save()
    with pytest.raises(LoanRefused) as refused:
        services.lend(fargo, bob)
    assert str(refused.value) == (
        f"#{fargo.index} Fargo is {services.WHERE[status]}, not in the collection: "
        "only a copy on the shelf can be lent."
    )
    assert not Loan.objects.exists()


def test_lend_refuses_a_due_date_before_the_loan_and_a_loan_date_to_come(fargo, bob):
    with pytest.raises(LoanRefused, match="due date .* is before the loan date"):
        services.lend(fargo, bob, lent_on=TODAY - DAY, due_on=TODAY - 2 * DAY)
    with pytest.raises(LoanRefused, match="loan date .* is in the future"):
        services.lend(fargo, bob, lent_on=TODAY + DAY)
    assert not Loan.objects.exists()


def test_lend_refuses_a_borrower_of_another_collection(fargo):
    from tests.factories import CollectionFactory

    stranger = Borrower.objects.create(collection=CollectionFactory(), name="Dan")
    with pytest.raises(LoanRefused, match="Dan borrows from another collection"):
        services.lend(fargo, stranger)


def test_a_box_set_lends_as_one_with_its_films(trilogy, bob):
    box, inside = trilogy
    loans = services.lend(box, bob)
    assert [loan.copy for loan in loans] == [box, *inside]
    for film in inside:
        assert services.open_loan(film).borrower == bob


def test_lending_a_film_of_a_box_set_lends_the_box_set(trilogy, bob, carol):
    box, inside = trilogy
    loans = services.lend(inside[1], bob)
    assert {loan.copy for loan in loans} == {box, *inside}
    with pytest.raises(LoanRefused, match="already on loan to Bob"):
        services.lend(inside[0], carol)


def test_returning_a_box_set_film_returns_the_whole_box(trilogy, bob):
    box, inside = trilogy
    services.lend(box, bob, lent_on=TODAY - 5 * DAY)
    returned = services.return_copy(inside[2])
    assert len(returned) == 4
    assert not Loan.objects.filter(returned_on__isnull=True).exists()
    assert {loan.returned_on for loan in Loan.objects.all()} == {TODAY}


def test_return_refuses_a_copy_at_home_and_a_date_before_the_loan(fargo, bob):
    with pytest.raises(LoanRefused, match=f"#{fargo.index} Fargo is not on loan"):
        services.return_copy(fargo)
    services.lend(fargo, bob, lent_on=TODAY - DAY)
    with pytest.raises(LoanRefused, match="return date .* is before the loan date"):
        services.return_copy(fargo, returned_on=TODAY - 2 * DAY)
    assert services.open_loan(fargo) is not None


def test_a_returned_copy_can_be_lent_again_and_keeps_its_history(fargo, bob, carol):
    services.lend(fargo, bob, lent_on=TODAY - 10 * DAY)
    services.return_copy(fargo, returned_on=TODAY - 2 * DAY)
    services.lend(fargo, carol)
    history = queries.loans_of_copy(fargo)
    assert [(loan.borrower.name, loan.returned_on) for loan in history] == [
        ("Carol", None),
        ("Bob", TODAY - 2 * DAY),
    ]


def test_overdue_is_an_open_loan_past_its_due_date(fargo, bob):
    [loan] = services.lend(fargo, bob, lent_on=TODAY - 20 * DAY, due_on=TODAY - DAY)
    assert loan.is_overdue(TODAY)
    assert not loan.is_overdue(TODAY - DAY)  # due that day: not late yet
    services.return_copy(fargo)
    loan.refresh_from_db()
    assert not loan.is_overdue(TODAY)


def test_a_loan_without_a_due_date_is_never_overdue(fargo, bob):
    [loan] = services.lend(fargo, bob, lent_on=TODAY - 400 * DAY)
    assert not loan.is_overdue(TODAY)


def test_on_loan_lists_overdue_first_and_a_box_set_once(alice_collection, fargo, trilogy, bob):
    from tests.factories import CopyFactory

    box, _ = trilogy
    late = CopyFactory(collection=alice_collection)
    services.lend(fargo, bob, lent_on=TODAY - 3 * DAY, due_on=TODAY + 7 * DAY)
    services.lend(box, bob, lent_on=TODAY - 2 * DAY)
    services.lend(late, bob, lent_on=TODAY - 30 * DAY, due_on=TODAY - 5 * DAY)
    loans = queries.out_on_loan(alice_collection)
    assert [loan.copy for loan in loans] == [late, fargo, box]
    assert [loan.overdue for loan in loans] == [True, False, False]


def test_borrower_for_finds_a_borrower_whatever_the_case_and_fills_in_what_was_missing(
    alice_collection, carol
):
    found = services.borrower_for(alice_collection, Contact(" carol ", phone="555-0101"))
    assert found == carol
    carol.refresh_from_db()
    assert carol.phone == "555-0101"
    made = services.borrower_for(alice_collection, Contact("Dan", email="dan@example.org"))
    assert (made.name, made.email, made.collection) == ("Dan", "dan@example.org", alice_collection)


@pytest.mark.parametrize(
    ("contact", "message"),
    [
        (Contact("  "), "The borrower's name is missing."),
        (
            Contact("Dan", email="dan.example"),
            "The e-mail address of Dan, “dan.example”, is not one.",
        ),
        (Contact("Dan", phone="5" * 41), "The phone number of Dan is longer than 40 characters."),
    ],
)
def test_borrower_for_refuses_a_contact_that_is_not_one(alice_collection, contact, message):
    with pytest.raises(LoanRefused) as refused:
        services.borrower_for(alice_collection, contact)
    assert str(refused.value) == message
    assert not Borrower.objects.exists()


def test_update_borrower_refuses_the_name_of_another(bob, carol):
    with pytest.raises(LoanRefused, match="Another borrower is already called CAROL"):
        services.update_borrower(bob, Contact("CAROL"))
    services.update_borrower(bob, Contact("Robert", "rob@example.org", "555", "Lives next door"))
    bob.refresh_from_db()
    assert (bob.name, bob.email, bob.phone, bob.notes) == (
        "Robert",
        "rob@example.org",
        "555",
        "Lives next door",
    )


def test_lending_makes_cached_on_loan_counts_stale(fargo, bob):
    from cinecat.search import revision

    before = revision.current()
    services.lend(fargo, bob)
    assert revision.current() > before


def test_lend_to_a_new_name_refused_makes_no_borrower(fargo, bob):
    services.lend(fargo, bob)
    with pytest.raises(LoanRefused, match="already on loan to Bob"):
        services.lend_to(fargo, Contact("Erin"))
    assert list(Borrower.objects.values_list("name", flat=True)) == ["Bob"]
