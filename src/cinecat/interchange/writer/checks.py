"""An import's checks of each entry: the catalog's (``catalog.fits``), and its borrowers'.

They need no database: a file read in a second process is checked there too (``checked``), and
the writer takes each record's outcome as it comes.
"""

from cinecat.catalog import fits
from cinecat.catalog.fits import Checked, holds_nul, long_name, misfit
from cinecat.catalog.records import Record
from cinecat.lending.models import Borrower

__all__ = ["Checked", "checked", "holds_nul", "long_name", "misfit"]


def checked(record: Record | Checked) -> Checked:
    """The record with its checks' outcome; a record checked already is as it was."""
    if isinstance(record, Checked):
        return record
    return fits.checked(record, _borrowers)


def _borrowers(record: Record) -> fits.Named:
    return [("borrower", Borrower, [loan.borrower for loan in record.copy.loans])]
