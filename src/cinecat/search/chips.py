"""The filters a list is under, each as a chip that takes it off ("Blu-ray ×"), and the
shelves a collection's copies stand on (in the collection, wish list, on order …)."""

from dataclasses import dataclass

from django.http import QueryDict

from cinecat.catalog.models import (
    Company,
    CopyStatus,
    Country,
    Genre,
    Language,
    Person,
    StorageDevice,
    Tag,
)

from .facets import (
    ALL_STATUSES,
    BY_KEY,
    KINDS,
    NO_PLACE,
    PERIODS,
    SEEN_LABELS,
    Selection,
    period,
    place_paths,
)

# Filters whose values are ids: the chip names the row.
NAMED = {
    "genre": Genre,
    "country": Country,
    "language": Language,
    "distributor": Company,
    "storage": StorageDevice,
    "tag": Tag,
    "person": Person,
}
_STATUS = dict(CopyStatus.choices)


@dataclass(frozen=True)
class Chip:
    label: str  # "Genre: Comedy"
    href: str  # the list without it


def of(browse, params: QueryDict) -> list[Chip]:
    """A chip for the search words, each filter value chosen, and the year range."""
    found = []
    if browse.text:
        found.append(Chip(f"“{browse.text}”", _without(params, "q")))
    for key, values in browse.selection.shown().items():
        names = _names(key, values)
        facet = BY_KEY[key]
        for value in values:
            label = f"{facet.label}: {names.get(value, value)}"
            found.append(Chip(label, _without(params, key, value)))
    selection = browse.selection
    if selection.year_from is not None or selection.year_to is not None:
        years = f"{selection.year_from or '…'}–{selection.year_to or '…'}"
        found.append(Chip(f"Years {years}", _without(params, "year_from", "year_to")))
    return found


def _names(key: str, values: list[str]) -> dict[str, str]:
    if key in NAMED:
        ids = [int(v) for v in values if v.isascii() and v.isdigit() and len(v) < 10]
        rows = NAMED[key].objects.filter(pk__in=ids).values_list("pk", "name")
        return {str(pk): name for pk, name in rows}
    if key == "location":
        ids = [int(v) for v in values if v.isascii() and v.isdigit() and len(v) < 10]
        return {str(pk): path for pk, path in place_paths(ids).items()} | {
            NO_PLACE: "(no location)"
        }
    if key == "status":
        return {value: str(_STATUS.get(value, value)) for value in values}
    if key == "kind":
        return {value: str(KINDS.get(value, value)) for value in values}
    if key == "decade":
        return {value: f"{value}s" for value in values}
    if key == "loan":
        return {"yes": "On loan", "no": "At home"}
    if key == "seen":
        return SEEN_LABELS
    if key in PERIODS:
        return {value: period_name(value) for value in values}
    return {}


def period_name(value: str) -> str:
    """'2019-03' as 'March 2019'; '2019' as it is."""
    found = period(value)
    if found is None or "-" not in value:
        return value
    return f"{found[0]:%B %Y}"


def _without(params: QueryDict, key: str, value: str | None = None) -> str:
    state = params.copy()
    state.pop("page", None)
    if value is None or key in ("year_from", "year_to"):
        for name in (key, "year_to") if key == "year_from" else (key,):
            state.pop(name, None)
    else:
        state.setlist(key, [v for v in state.getlist(key) if v != value])
    return f"?{state.urlencode()}"


@dataclass(frozen=True)
class Shelf:
    label: str
    href: str
    current: bool


SHELVES = [
    ("", "In the collection"),
    (CopyStatus.WISH_LIST, "Wish list"),
    (CopyStatus.ON_ORDER, "On order"),
    (CopyStatus.FOR_SALE, "For sale"),
    (CopyStatus.SOLD, "Sold"),
    (ALL_STATUSES, "All"),
]


def shelves(selection: Selection, params: QueryDict) -> list[Shelf]:
    """The views of a collection by status: the shelf (the default), each other status, all."""
    chosen = params.getlist("status")
    found = []
    for value, label in SHELVES:
        state = params.copy()
        state.pop("page", None)
        state.setlist("status", [value] if value else [])
        current = chosen == [value] if value else selection.shelf
        found.append(Shelf(label, f"?{state.urlencode()}", current))
    return found
