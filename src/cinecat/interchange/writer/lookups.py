"""Pick-list values by name: looked up in bulk, created in bulk, remembered for the import.

A name matches the value already there whatever its case ('comedy' is 'Comedy'); people are the
exception: their names are not unique, and are matched as spelt.
"""

from collections.abc import Callable, Iterable

from django.db import models
from django.utils import timezone

from cinecat.catalog.models import Collection, Person
from cinecat.catalog.names import NameIndex, index_of, location_under, new_names
from cinecat.catalog.records import CreditRecord
from cinecat.core.bulk import insert_rows, reserve_ids, select_where_in

PERSON_PARTS = ["first_name", "middle_name", "last_name", "birth_year"]
# A birth year is kept only where it may be one (sources carry 0, 45316 …).
FIRST_BIRTH_YEAR = 1800

# Values private to one collection; the others (genres, people …) are shared by all.
PER_COLLECTION = {"Tag", "StorageDevice", "Borrower"}


class Lookups:
    def __init__(self, collection: Collection) -> None:
        self.collection = collection
        self._ids: dict[type, NameIndex] = {Person: NameIndex(fold=False)}
        self._locations: dict[tuple[str, ...], int] = {}

    def ensure(self, model: type[models.Model], names: Iterable[str]) -> None:
        """Make sure every name has a row, creating the missing ones in one statement."""
        if model is Person:
            self.ensure_people(CreditRecord(name) for name in names)
            return
        scope = {"collection": self.collection} if model.__name__ in PER_COLLECTION else {}
        if model not in self._ids:  # a pick list is short: read it whole, once
            self._ids[model] = index_of(model, **scope)
        missing = new_names(self._ids[model], names)
        if not missing:
            return
        new = [model(name=name, **scope) for name in sorted(missing)]
        # Another import may create the same value meanwhile: ignore the clash, then read.
        model.objects.bulk_create(new, ignore_conflicts=True)
        self._load(model, {obj.name for obj in new}, scope)

    def ensure_people(self, credits: Iterable[CreditRecord]) -> None:
        """Make sure every credit's person has a row; a new person gets the name parts and
        birth year of the first credit naming them."""
        # There are many: only the names this batch gives are read. The same people come back
        # entry after entry: each name is looked at once (spelt as given: the order of the
        # names does not matter).
        first: dict[str, CreditRecord] = {}
        for credit in credits:
            first.setdefault(credit.name, credit)
        missing = new_names(self._ids[Person], set(first))
        if not missing:
            return
        self._load(Person, set(missing), {})
        missing = sorted(new_names(self._ids[Person], missing))
        # Names are not unique: the rows are made with ids known up front.
        ids = reserve_ids(Person, len(missing))
        rows = [(pk, name, *_person(first[name])) for pk, name in zip(ids, missing, strict=True)]
        insert_rows(Person, ["id", "name", *PERSON_PARTS], rows)
        self._ids[Person].add((name, pk) for pk, name, *_ in rows)

    def _load(self, model: type[models.Model], names: set[str], scope: dict) -> None:
        where = {key: value.pk for key, value in scope.items()}
        # Highest pk first so the oldest row of a repeated person name wins.
        rows = select_where_in(
            model, ["name", "id"], "name", sorted(names), where=where, newest_first=True
        )
        self._ids[model].add(rows)

    def id(self, model: type[models.Model], name: str) -> int | None:
        return self._ids[model][name] if name else None

    def id_of(self, model: type[models.Model]) -> Callable[[str], int | None]:
        """``id`` for one pick list, for a loop over many names (the credits' people)."""
        known = self._ids[model]
        return lambda name: known[name] if name else None

    def ids(self, model: type[models.Model], names: Iterable[str]) -> list[int]:
        known = self._ids[model]
        return list(dict.fromkeys(known[name] for name in names if name))

    def location(self, path: tuple[str, ...]) -> int | None:
        """The innermost location of a path such as ('Living room', 'Shelf 2'), made if new."""
        if not path:
            return None
        if path not in self._locations:
            parent = self.location(path[:-1])
            self._locations[path] = location_under(self.collection, parent, path[-1])
        return self._locations[path]


def _person(credit: CreditRecord) -> tuple:
    year = credit.birth_year
    plausible = year is not None and FIRST_BIRTH_YEAR <= year <= timezone.now().year
    return credit.first_name, credit.middle_name, credit.last_name, year if plausible else None
