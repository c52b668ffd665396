"""Loans read back as records, for the catalog's record reader (``catalog.reading``)."""

from cinecat.catalog.records import LoanRecord
from cinecat.core.bulk import grouped, with_ids

from .models import Loan


def loans_of(copy_ids: list[int]) -> dict[int, tuple[LoanRecord, ...]]:
    """Each copy's loans, oldest first."""
    rows = with_ids(Loan.objects, "copy", copy_ids).order_by("lent_on", "pk")
    fields = ("borrower__name", "lent_on", "due_on", "returned_on", "notes")
    return grouped(
        (copy, LoanRecord(*values)) for copy, *values in rows.values_list("copy_id", *fields)
    )
