"""The rows that hang off a written work, edition or copy, from their records' field maps.

Pick-list links (genres, studios, co-distributors, tags), credits, plots, episodes, discs,
loans and viewings are plain tuples inserted many at a time. With ``replace`` (an update), an
owner's rows are rewritten only where they differ from its record's, and a record that carries
none of a kind leaves the stored ones as they are: an import never erases what it does not
carry.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable

from django.db import models
from django.utils import timezone

from cinecat.catalog.fields import (
    CREDITS,
    DISCS,
    EPISODES,
    OWNER,
    PLOTS,
    VIEWINGS,
    FieldMap,
    copy_fields,
    edition_fields,
    field_map,
    numbered,
    work_fields,
)
from cinecat.catalog.models import Person
from cinecat.catalog.records import CopyRecord, EditionRecord, LoanRecord, WorkRecord
from cinecat.core.bulk import chunks, delete_where_in, insert_rows, with_ids
from cinecat.lending.models import Borrower, Loan

from .lookups import Lookups

LOANS = field_map(LoanRecord, Loan)

Owned = list[tuple[int, object]]  # (owner id, its record)


class Children:
    """Writes the rows under saved works, editions and copies, naming values through
    ``lookups``."""

    def __init__(self, lookups: Lookups) -> None:
        self.lookups = lookups

    def of_works(self, pairs: list[tuple[int, WorkRecord]], replace: bool) -> None:
        self._links(work_fields(), pairs, replace)
        person = self.lookups.id_of(Person)
        self._rows(CREDITS, "credits", pairs, replace, lambda c: (person(c.name),), ["person"])
        self._rows(PLOTS, "plots", pairs, replace)
        self._rows(EPISODES, "episodes", pairs, replace)

    def of_editions(self, pairs: list[tuple[int, EditionRecord]], replace: bool) -> None:
        self._links(edition_fields(), pairs, replace)
        self._rows(DISCS, "disc_list", pairs, replace)

    def of_copies(self, pairs: list[tuple[object, CopyRecord]], replace: bool) -> None:
        """``pairs`` of (copy row, record): a loan without a date was lent when it was added."""
        owned = [(copy.pk, record) for copy, record in pairs]
        self._links(copy_fields(), owned, replace)
        self._rows(VIEWINGS, "viewing_log", owned, replace)
        added = {copy.pk: copy.added_at for copy, _ in pairs}
        if replace:
            delete_where_in(Loan, "copy_id", [pk for pk, record in owned if record.loans])
        rows = [
            (pk, self.lookups.id(Borrower, loan.borrower), loan.lent_on or _day(added[pk]))
            + tuple(LOANS.to_column(name, getattr(loan, name)) for name in _LOAN_REST)
            for pk, record in owned
            for loan in record.loans
        ]
        insert_rows(Loan, ["copy", "borrower", "lent_on", *_LOAN_REST], rows)
        self._contacts([loan for _, record in owned for loan in record.loans])

    def _links(self, fields: FieldMap, pairs: Owned, replace: bool) -> None:
        for name in fields.name_sets:
            m2m = fields.model._meta.get_field(name)
            target = fields.target(name)
            rows = {
                pk: [(value,) for value in self.lookups.ids(target, getattr(record, name))]
                for pk, record in pairs
            }
            through = m2m.remote_field.through
            write_rows(
                through, m2m.m2m_column_name(), [m2m.m2m_reverse_name()], rows, replace, order=()
            )

    def _rows(
        self,
        fields: FieldMap,
        attribute: str,
        pairs: Owned,
        replace: bool,
        extra: Callable[[object], tuple] = lambda record: (),
        extra_fields: Iterable[str] = (),
    ) -> None:
        """Each owner's ``attribute`` records as rows of ``fields.model``, numbered in order."""
        order = ("order",) if numbered(fields.model) else ()
        columns = [*extra_fields, *fields.columns, *order]
        name_id = self.lookups.id
        rows = {
            pk: [
                (*extra(child), *_values(fields, child, name_id), *(place,)[: len(order)])
                for place, child in enumerate(getattr(record, attribute))
            ]
            for pk, record in pairs
            if getattr(record, attribute) or not replace
        }
        owner = fields.model._meta.get_field(OWNER[fields.model]).attname
        write_rows(fields.model, owner, columns, rows, replace)

    def _contacts(self, loans: list[LoanRecord]) -> None:
        """A borrower's e-mail and phone, where the catalog has none for them yet."""
        for loan in loans:
            if not (loan.borrower_email or loan.borrower_phone):
                continue
            borrower = Borrower.objects.get(pk=self.lookups.id(Borrower, loan.borrower))
            borrower.email = borrower.email or loan.borrower_email
            borrower.phone = borrower.phone or loan.borrower_phone
            borrower.save(update_fields=["email", "phone"])


_LOAN_REST = [name for name in LOANS.columns if name not in ("borrower", "lent_on")]


def _values(fields: FieldMap, record, name_id) -> tuple:
    values = []
    for name in fields.columns:
        value = getattr(record, name)
        if name in fields.names:
            value = name_id(fields.target(name), value)
        elif name in fields.lines or name in fields.lists:
            value = fields.to_column(name, value)
        values.append(value)
    return tuple(values)


def _day(moment):
    return timezone.localdate(moment) if timezone.is_aware(moment) else moment.date()


def write_rows(
    model: type[models.Model],
    owner: str,
    fields: list[str],
    rows: dict[int, list[tuple]],
    replace: bool,
    order: tuple[str, ...] | None = None,
) -> None:
    """Insert each owner's rows; with ``replace``, first delete the owners' stored rows, except
    where they are already the very same (in order, ``order`` then pk), which stay as they are.
    """
    if replace:
        stored: dict[int, list[tuple]] = defaultdict(list)
        if order is None:
            order = ("order", "pk") if "order" in fields else ("pk",)
        for chunk in chunks(rows, 500):
            found = with_ids(model._base_manager, owner, chunk).order_by(*order or ("pk",))
            for key, *values in found.values_list(owner, *fields):
                stored[key].append(tuple(values))
        rows = {key: new for key, new in rows.items() if stored.get(key, []) != new}
        delete_where_in(model, owner, list(rows))
    insert_rows(model, [owner, *fields], [(key, *row) for key, new in rows.items() for row in new])
