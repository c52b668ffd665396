"""The numbers of a collection's statistics: every one a GROUP BY or an aggregate in the
database over the copies a list's URL selects (by default those in the collection).

Tallies by format, genre, decade, country, language, audience rating, location and owner are
the facet panel's own counts (``search.facets.counts``), so a bar and the list it opens agree.
Each tally keeps the value the list's filter takes, so a bar links to its copies.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from cinecat.catalog.models import Copy, Viewing
from cinecat.search import facets

from .periods import Period

# The tallies that are the facet panel's, in the order the page shows them.
BY_FACET = ("format", "genre", "decade", "country", "language", "rating", "location", "owner")
KEPT = 50  # values a tally keeps (the table and the CSV); a chart draws the first ones
PEOPLE = 10


@dataclass(frozen=True)
class Tally:
    value: str  # what the list's filter takes to select these copies ('' when none does)
    label: str
    count: int
    amount: Decimal | None = None  # money, where a tally adds prices up


@dataclass(frozen=True)
class Money:
    currency: str  # ISO 4217, '' when the source gave none
    total: Decimal
    copies: int


@dataclass
class Figures:
    """Everything but the year in review, for one selection."""

    copies: int
    spent: list[Money]
    listed: list[Money]
    by: dict[str, list[Tally]]
    added_years: list[Tally]
    bought_years: list[Tally]
    spend_years: dict[str, list[Tally]]  # currency → spend per year
    actors: list[Tally]
    directors: list[Tally]
    seen: list[Tally]
    years: list[int] = field(default_factory=list)  # with anything added, bought or seen
    statuses: list[Tally] = field(default_factory=list)  # of the selection, whatever its status


@dataclass
class YearInReview:
    year: int
    added: int
    bought: int
    spent: list[Money]
    viewings: int
    seen_copies: int
    added_months: list[Tally]
    bought_months: list[Tally]


def figures(copies: QuerySet[Copy]) -> Figures:
    """The selection's size, value and tallies."""
    by = {key: _facet(copies, key) for key in BY_FACET}
    added = _per_period(copies, "added_at", "year", time=True)
    bought = _per_period(copies.filter(purchased_on__isnull=False), "purchased_on", "year")
    found = Figures(
        copies=copies.count(),
        spent=money(copies, "purchase_price", "purchase_currency"),
        listed=money(copies, "edition__list_price", "edition__list_price_currency"),
        by=by,
        added_years=added,
        bought_years=bought,
        spend_years=spend_per_year(copies),
        actors=_people(copies, "actor"),
        directors=_people(copies, "director"),
        seen=seen(copies),
    )
    watched = viewing_years(copies)
    found.years = sorted({int(t.value) for t in added + bought} | watched, reverse=True)
    return found


def _facet(copies: QuerySet[Copy], key: str) -> list[Tally]:
    buckets = facets.counts(copies, facets.BY_KEY[key], limit=KEPT)
    if key == "decade":  # a time line, not a ranking
        buckets.sort(key=lambda bucket: int(bucket.value))
    return [Tally(bucket.value, bucket.label, bucket.count) for bucket in buckets]


def _people(copies: QuerySet[Copy], kind: str) -> list[Tally]:
    people = facets.people_folder(copies, kind, limit=PEOPLE)
    return [Tally(bucket.value, bucket.label, bucket.count) for bucket in people]


def money(copies: QuerySet[Copy], price: str, currency: str) -> list[Money]:
    """The prices added up per currency, the currency of most copies first."""
    rows = (
        copies.filter(**{f"{price}__isnull": False})
        .values(currency)
        .annotate(total=Sum(price), copies=Count("pk"))
        .order_by("-copies", currency)
    )
    return [Money(row[currency], cents(row["total"]), row["copies"]) for row in rows]


def cents(total) -> Decimal:
    """A sum of prices to the cent (SQLite adds decimals up as floating point)."""
    return Decimal(total or 0).quantize(Decimal("0.01"))


def _per_period(copies: QuerySet[Copy], path: str, unit: str, *, time: bool = False) -> list:
    rows = (
        copies.annotate(period=Period(path, unit, time=time))
        .values("period")
        .annotate(count=Count("pk"))
        .order_by("period")
    )
    return [Tally(row["period"], row["period"], row["count"]) for row in rows if row["period"]]


def spend_per_year(copies: QuerySet[Copy]) -> dict[str, list[Tally]]:
    """What the copies bought each year cost, per currency."""
    rows = (
        copies.filter(purchase_price__isnull=False, purchased_on__isnull=False)
        .annotate(period=Period("purchased_on"))
        .values("purchase_currency", "period")
        .annotate(total=Sum("purchase_price"), count=Count("pk"))
        .order_by("purchase_currency", "period")
    )
    found: dict[str, list[Tally]] = {}
    for row in rows:
        tally = Tally(row["period"], row["period"], row["count"], cents(row["total"]))
        found.setdefault(row["purchase_currency"], []).append(tally)
    return dict(sorted(found.items(), key=lambda item: -sum(t.count for t in item[1])))


def seen(copies: QuerySet[Copy]) -> list[Tally]:
    """Copies seen at least once, and never seen."""
    counted = copies.aggregate(seen=Count("pk", filter=Q(viewings__gt=0)), all=Count("pk"))
    return [
        Tally("yes", "Seen", counted["seen"]),
        Tally("no", "Never seen", counted["all"] - counted["seen"]),
    ]


def viewing_years(copies: QuerySet[Copy]) -> set[int]:
    rows = (
        Viewing.objects.filter(copy__in=copies.values("pk"), watched_on__isnull=False)
        .annotate(period=Period("watched_on"))
        .values_list("period", flat=True)
        .order_by()
        .distinct()
    )
    return {int(year) for year in rows if year}


def year_in_review(copies: QuerySet[Copy], year: int) -> YearInReview:
    """What came in, was bought, cost and was watched in ``year``."""
    name = str(year)
    added = facets.BY_KEY["added"]
    bought = facets.BY_KEY["bought"]
    came = copies.filter(facets.in_periods(added, [name]))
    paid = copies.filter(facets.in_periods(bought, [name]))
    start, end = dt.date(year, 1, 1), dt.date(year + 1, 1, 1)
    watched = Viewing.objects.filter(
        copy__in=copies.values("pk"), watched_on__gte=start, watched_on__lt=end
    ).aggregate(viewings=Count("pk"), copies=Count("copy", distinct=True))
    added_months = _per_period(came, "added_at", "month", time=True)
    bought_months = _per_period(paid, "purchased_on", "month")
    return YearInReview(
        year=year,
        added=sum(t.count for t in added_months),
        bought=sum(t.count for t in bought_months),
        spent=money(paid, "purchase_price", "purchase_currency"),
        viewings=watched["viewings"],
        seen_copies=watched["copies"],
        added_months=_every_month(year, added_months),
        bought_months=_every_month(year, bought_months),
    )


def _every_month(year: int, tallies: list[Tally]) -> list[Tally]:
    """Twelve months, those with nothing at 0, each named ('Mar')."""
    counted = {tally.value: tally.count for tally in tallies}
    months = []
    for month in range(1, 13):
        value = f"{year}-{month:02d}"
        months.append(Tally(value, f"{dt.date(year, month, 1):%b}", counted.get(value, 0)))
    return months


def default_year(years: list[int]) -> int:
    """This year when anything happened in it, else the latest year something did."""
    this = timezone.localdate().year
    return this if this in years or not years else max(years)
