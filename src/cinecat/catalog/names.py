"""Pick-list values found by name whatever its case: 'comedy' is the 'Comedy' already there."""

from collections.abc import Iterable

from django.db.models import Model

from cinecat.core.folding import fold_case

from .models import Collection, Location


class NameIndex:
    """Row ids by name. A name's own spelling wins; otherwise the same name in another case.

    Rows are added newest first, so that where a name is on several rows (two people, or
    values made before names were matched whatever their case) the oldest one wins.
    """

    def __init__(self, *, fold: bool = True) -> None:
        self.fold = fold
        self._exact: dict[str, int] = {}
        self._folded: dict[str, int] = {}

    def add(self, rows: Iterable[tuple[str, int]]) -> None:
        for name, pk in rows:
            self._exact[name] = pk
            if self.fold:
                self._folded[fold_case(name)] = pk

    # An import asks for every credit's person twice (is it new? its id): the name as spelt is
    # looked up first, without a further call.
    def get(self, name: str) -> int | None:
        if name in self._exact:
            return self._exact[name]
        return self._folded.get(fold_case(name)) if self.fold else None

    def __contains__(self, name: str) -> bool:
        return name in self._exact or self.get(name) is not None

    def __getitem__(self, name: str) -> int:
        try:
            return self._exact[name]
        except KeyError:
            pk = self.get(name)
        if pk is None:
            raise KeyError(name)
        return pk


def index_of(model: type[Model], **scope) -> NameIndex:
    """Every row of a pick list (within ``scope``, e.g. one collection's tags)."""
    index = NameIndex()
    index.add(model.objects.filter(**scope).order_by("-pk").values_list("name", "pk"))
    return index


def new_names(index: NameIndex, names: Iterable[str]) -> list[str]:
    """The names that have no row yet, once each, in the spelling first given."""
    missing: dict[str, str] = {}
    for name in names:
        if name and name not in index:
            missing.setdefault(fold_case(name) if index.fold else name, name)
    return list(missing.values())


def location_under(collection: Collection, parent_id: int | None, name: str) -> int:
    """The place named so (whatever its case) in ``parent_id``, or at the top; made if new."""
    scope = {"collection": collection, "parent_id": parent_id}
    found = index_of(Location, **scope).get(name)
    if found is None:
        found = Location.objects.get_or_create(name=name, **scope)[0].pk
    return found
