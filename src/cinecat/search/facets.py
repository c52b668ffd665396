"""Filters, facet counts and folders: what a collector narrows a collection by.

Each facet is data: its URL parameter, its label and the path from a Copy to its value. Counts
are GROUP BY queries in the database; a facet's count ignores its own selection (so picking
"DVD" still shows how many Blu-rays there are), and applies every other one.
"""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
)
from django.db.models.functions import Cast
from django.utils import timezone

from cinecat.catalog.models import Copy, CopyStatus, Location, WorkKind
from cinecat.core.ids import as_number, numbers
from cinecat.core.limits import TooMuchAsked
from cinecat.lending.models import Loan

from .columns import shelf_year

WORK = "edition__edition_works__work__"


@dataclass(frozen=True)
class Facet:
    key: str  # the URL parameter
    label: str
    path: str  # from Copy to the value filtered on
    label_path: str = ""  # from Copy to what is shown; the value itself when empty
    multi_valued: bool = False  # several values per copy (genres, tags …)

    @property
    def shown(self) -> str:
        return self.label_path or self.path


FACETS = [
    Facet("format", "Format", "edition__format"),
    Facet("kind", "Films or series", f"{WORK}kind", multi_valued=True),
    Facet("genre", "Genre", f"{WORK}genres", f"{WORK}genres__name", True),
    Facet("decade", "Decade", "decade", multi_valued=True),
    Facet("country", "Country", f"{WORK}countries", f"{WORK}countries__name", True),
    Facet("language", "Language", f"{WORK}languages", f"{WORK}languages__name", True),
    Facet("rating", "Audience rating", "edition__rating"),
    Facet("distributor", "Distributor", "edition__distributor", "edition__distributor__name"),
    Facet("location", "Location", "location", "location__name"),
    Facet("storage", "Storage device", "storage_device", "storage_device__name"),
    Facet("owner", "Owner", "owner"),
    Facet("tag", "Tag", "tags", "tags__name", True),
    Facet("status", "Status", "status"),
    Facet("loan", "On loan", "on_loan"),
    Facet("seen", "Seen", "seen"),
]
# Filters without a facet panel of their own: too many values to list (see the folders).
PERSON = Facet("person", "Person", f"{WORK}credits__person", f"{WORK}credits__person__name", True)
# What the statistics' bars open: the copies added or bought in a period (a year, 2019, or a
# month of it, 2019-03, in the catalog's time zone); those seen or never seen are the seen facet.
ADDED = Facet("added", "Added", "added_at")
BOUGHT = Facet("bought", "Bought", "purchased_on")
PERIODS = (ADDED.key, BOUGHT.key)
BY_KEY = {facet.key: facet for facet in [*FACETS, PERSON, ADDED, BOUGHT]}
PEOPLE_FOLDERS = {"actor": ("Actor", "cast"), "director": ("Director", "crew")}


def with_loan_state(copies: QuerySet[Copy]) -> QuerySet[Copy]:
    """Add what the loan facet needs and no column holds: whether the copy is out on loan.
    Only then: it is a subquery per copy."""
    open_loans = Loan.objects.filter(copy=OuterRef("pk"), returned_on__isnull=True)
    return copies.annotate(on_loan=Exists(open_loans))


def with_seen_state(copies: QuerySet[Copy]) -> QuerySet[Copy]:
    """Add whether the copy's film was seen: it counts a time seen at least."""
    return copies.annotate(seen=ExpressionWrapper(Q(viewings__gt=0), BooleanField()))


def _decade() -> Cast:
    return Cast(shelf_year() / 10, IntegerField()) * 10


def _with_year(copies: QuerySet[Copy]) -> QuerySet[Copy]:
    return copies.annotate(shelf_year=shelf_year())


def _where(copies: QuerySet[Copy], condition: Q, prepare=None) -> QuerySet[Copy]:
    """Filter through a subquery, not a join: a box set whose films both match (or a copy with
    two chosen genres) must still be listed once."""
    inner = prepare(Copy.objects.all()) if prepare else Copy.objects.all()
    return copies.filter(pk__in=inner.filter(condition).values("pk"))


@dataclass
class Selection:
    """The filters of the URL: facet key → chosen values, plus a year range."""

    chosen: dict[str, list[str]]
    year_from: int | None = None
    year_to: int | None = None
    shelf: bool = False  # no status asked for: the copies in the collection (owned)

    @classmethod
    def from_query(cls, params) -> "Selection":
        """The filters of ``params``; TooMuchAsked past CINECAT_MAX_FILTER_VALUES values."""
        # A filter given only values that are none (a typed URL) stays, matching nothing.
        chosen = {key: _values(BY_KEY[key], params.getlist(key)) for key in params if key in BY_KEY}
        given = sum(map(len, chosen.values()))
        limit = settings.CINECAT_MAX_FILTER_VALUES
        if given > limit:
            raise TooMuchAsked(
                f"A list can be narrowed by at most {limit} filter values at once; "
                f"this one asks for {given}."
            )
        shelf = "status" not in chosen
        if shelf:  # wish list, on order, for sale and sold are views of their own
            chosen["status"] = [CopyStatus.OWNED]
        elif ALL_STATUSES in chosen["status"]:
            del chosen["status"]
        years = _year(params.get("year_from")), _year(params.get("year_to"))
        return cls(chosen, *years, shelf=shelf)

    def shown(self) -> dict[str, list[str]]:
        """The filters a person chose (the shelf, chosen by default, is not one of them)."""
        return {k: v for k, v in self.chosen.items() if not (self.shelf and k == "status")}

    def apply(self, copies: QuerySet[Copy], *, skip: str = "") -> QuerySet[Copy]:
        for key, values in self.chosen.items():
            if key != skip:
                copies = _filter(copies, BY_KEY[key], values)
        if self.year_from is not None:
            copies = _where(copies, Q(shelf_year__gte=self.year_from), _with_year)
        if self.year_to is not None:
            copies = _where(copies, Q(shelf_year__lte=self.year_to), _with_year)
        return copies

    def is_chosen(self, key: str, value) -> bool:
        """Whether a person chose this value (the shelf, chosen by default, is not shown so)."""
        return str(value) in self.shown().get(key, [])


def _year(text: str | None) -> int | None:
    return as_number(text)


_LOAN_STATES = ("yes", "no")


def _values(facet: Facet, given: list[str]) -> list[str]:
    """The values of a filter that can match something, each once: no text holds a NUL, the
    loan and seen filters are "yes" or "no" (the last one given), a value that stands for an
    id or a decade is a number."""
    values = list(dict.fromkeys(value for value in given if "\x00" not in value))
    if facet.key in ("loan", "seen"):
        return [value for value in values if value in _LOAN_STATES][-1:]
    if facet.label_path or facet.key == "decade":
        unplaced = [NO_PLACE] if facet.key == "location" and NO_PLACE in values else []
        return unplaced + [str(number) for number in numbers(values)]
    return values


def _filter(copies: QuerySet[Copy], facet: Facet, values: list[str]) -> QuerySet[Copy]:
    if not values:
        return copies.none()
    if facet.key == "loan":
        return with_loan_state(copies).filter(on_loan=values[-1] == "yes")
    if facet.key in PERIODS:
        return copies.filter(in_periods(facet, values))
    if facet.key == "seen":  # a count, not a join: no subquery per copy
        return copies.filter(viewings__gt=0) if values[-1] == "yes" else copies.filter(viewings=0)
    if facet.key == "decade":
        decades = numbers(values)
        return _where(
            copies,
            Q(
                *[Q(shelf_year__gte=d, shelf_year__lt=d + 10) for d in decades],
                _connector=Q.OR,
            ),
            _with_year,
        )
    if facet.key == "location" and NO_PLACE in values:
        placed = numbers([value for value in values if value != NO_PLACE])
        return copies.filter(Q(location__in=placed) | Q(location__isnull=True))
    if facet.label_path:  # the values are ids: a value that is none (a typed URL) matches nothing
        values = numbers(values)
    if facet.multi_valued:
        return _where(copies, Q(**{f"{facet.path}__in": values}))
    return copies.filter(**{f"{facet.path}__in": values})


def period(text: str) -> tuple[dt.date, dt.date] | None:
    """The first day of a period and the first day after it: '2019' a year, '2019-03' a
    month; None for anything else."""
    year, _, month = text.partition("-")
    number, month_number = as_number(year), as_number(month) if month else None
    if number is None or not 1 <= number <= 9998 or (month and not 1 <= (month_number or 0) <= 12):
        return None
    if month_number is None:
        return dt.date(number, 1, 1), dt.date(number + 1, 1, 1)
    start = dt.date(number, month_number, 1)
    return start, (start + dt.timedelta(days=31)).replace(day=1)


def in_periods(facet: Facet, values: list[str]) -> Q:
    """Within any of the periods named; a value that names none matches nothing."""
    found = Q(pk__in=[])
    for start, end in filter(None, map(period, values)):
        if facet.key == ADDED.key:  # a time: from the period's first midnight, there
            start, end = (_midnight(day) for day in (start, end))
        found |= Q(**{f"{facet.path}__gte": start, f"{facet.path}__lt": end})
    return found


def _midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time()))


@dataclass
class Bucket:
    value: str
    label: str
    count: int
    chosen: bool = False


def counts(copies: QuerySet[Copy], facet: Facet, limit: int = 50) -> list[Bucket]:
    """How many copies of ``copies`` have each value of ``facet``, most first."""
    if facet.key == "decade":
        copies = copies.annotate(decade=_decade())
    if facet.key == "loan":
        copies = with_loan_state(copies)
    if facet.key == "seen":
        copies = with_seen_state(copies)
    # filter(), not exclude(): exclude on a multi-valued path is a correlated NOT EXISTS per
    # copy (twice the joins), and it dropped a box set from every genre when one of its films
    # had none.
    rows = (
        copies.filter(**{f"{facet.path}__isnull": False})
        .values(facet.path, facet.shown)
        .annotate(count=Count("pk", distinct=facet.multi_valued))
        .order_by("-count", facet.shown)[:limit]
    )
    buckets = [
        Bucket(_value(facet, row[facet.path]), _label(facet, row[facet.shown]), row["count"])
        for row in rows
        if row[facet.path] not in ("", None)
    ]
    if facet.key == "location":
        buckets = _places(copies, buckets)
    return buckets


SEEN_LABELS = {"yes": "Seen", "no": "Not seen yet"}
NO_PLACE = "none"  # the location filter's value for copies that have none
ALL_STATUSES = "all"  # the status filter's value for every copy, whatever its status


def _places(copies: QuerySet[Copy], buckets: list[Bucket]) -> list[Bucket]:
    """The location buckets named by their whole path, and the copies that have no place."""
    ids = [int(bucket.value) for bucket in buckets]
    paths = place_paths(ids)
    for bucket in buckets:
        bucket.label = paths.get(int(bucket.value), bucket.label)
    unplaced = copies.filter(location__isnull=True).count()
    if unplaced:
        buckets.append(Bucket(NO_PLACE, "(no location)", unplaced))
    return buckets


def place_paths(location_ids: list[int]) -> dict[int, str]:
    """ "Living room › Shelf 2" for each of these places, from its collection's places at once."""
    if not location_ids:
        return {}
    collections = Location.objects.filter(pk__in=location_ids).values("collection")
    nodes = dict(
        (pk, (name, parent))
        for pk, name, parent in Location.objects.filter(collection__in=collections).values_list(
            "pk", "name", "parent"
        )
    )

    def path(pk):
        name, parent = nodes[pk]
        return f"{path(parent)} › {name}" if parent in nodes else name

    return {pk: path(pk) for pk in location_ids if pk in nodes}


_STATUS = dict(CopyStatus.choices)
KINDS = dict(WorkKind.choices)


def _value(facet: Facet, raw) -> str:
    if facet.key in ("loan", "seen"):
        return "yes" if raw else "no"
    return str(raw)


def _label(facet: Facet, raw) -> str:
    if facet.key == "status":
        return _STATUS.get(raw, raw)
    if facet.key == "kind":
        return str(KINDS.get(raw, raw))
    if facet.key == "loan":
        return "On loan" if raw else "At home"
    if facet.key == "seen":
        return SEEN_LABELS["yes" if raw else "no"]
    if facet.key == "decade":
        return f"{raw}s"
    return str(raw)


def facet_counts(collection_copies: QuerySet[Copy], selection: Selection) -> list[tuple]:
    """Every facet with its buckets, each counted against the other facets' selection."""
    result = []
    for facet in FACETS:
        buckets = counts(selection.apply(collection_copies, skip=facet.key), facet)
        for bucket in buckets:
            bucket.chosen = selection.is_chosen(facet.key, bucket.value)
        if buckets:
            result.append((facet, buckets))
    return result


def people_folder(copies: QuerySet[Copy], kind: str, limit: int = 100) -> list[Bucket]:
    """Actors (or directors) of the selection, with how many copies each appears in."""
    role = PEOPLE_FOLDERS[kind][1]
    credit = f"{WORK}credits__"
    condition = Q(**{f"{credit}role": role})
    if kind == "director":
        condition &= Q(**{f"{credit}job": "Director"})
    rows = (
        copies.filter(condition)
        .values(f"{credit}person", f"{credit}person__name")
        .annotate(count=Count("pk", distinct=True))
        .order_by("-count", f"{credit}person__name")[:limit]
    )
    return [Bucket(str(r[f"{credit}person"]), r[f"{credit}person__name"], r["count"]) for r in rows]


def folder(kind: str, copies) -> dict | None:
    """The side panel grouping the selection by one facet or by person."""
    if kind in PEOPLE_FOLDERS:
        label = PEOPLE_FOLDERS[kind][0]
        return {
            "kind": kind,
            "label": label,
            "key": "person",
            "buckets": people_folder(copies, kind),
        }
    if kind in BY_KEY:
        facet = BY_KEY[kind]
        return {
            "kind": kind,
            "label": facet.label,
            "key": facet.key,
            "buckets": counts(copies, facet, limit=200),
        }
    return None
