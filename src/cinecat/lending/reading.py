"""Loans read back as records, for the catalog's record reader (``catalog.reading``)."""

from cinecat.catalog.fields import field_map
from cinecat.catalog.records import LoanRecord
from cinecat.core.bulk import grouped, with_ids

from .models import Loan

LOANS = field_map(LoanRecord, Loan)
_CONTACT = ("borrower__email", "borrower__phone")


def loans_of(copy_ids: list[int]) -> dict[int, tuple[LoanRecord, ...]]:
    """Each copy's loans, oldest first, with the borrower's e-mail and phone."""
    rows = with_ids(Loan.objects, "copy", copy_ids).order_by("lent_on", "pk")
    columns = LOANS.read_columns()
    found = []
    for copy, *values in rows.values_list("copy_id", *columns, *_CONTACT):
        fields = LOANS.from_columns(values[: len(columns)])
        email, phone = values[len(columns) :]
        found.append((copy, LoanRecord(**fields, borrower_email=email, borrower_phone=phone)))
    return grouped(found)
