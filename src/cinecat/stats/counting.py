"""The statistics of a list's selection, counted once per state of the catalog.

Counting 100,000 copies takes seconds; the figures (and the charts drawn of them) are cached
under the search app's revision counter, which every write moves on in the cache all processes
share, so an edit anywhere makes them stale everywhere and the next page counts again.
"""

import hashlib

from django.core.cache import cache
from django.db.models import Count
from django.http import QueryDict

from cinecat.catalog.models import Collection, CopyStatus
from cinecat.search import revision
from cinecat.search.facets import ALL_STATUSES
from cinecat.search.queries import COUNTED, Browse

from .figures import Figures, Tally, YearInReview, figures, year_in_review

DAY = 24 * 3600
_STATUS = dict(CopyStatus.choices)


def selection(params: QueryDict) -> QueryDict:
    """The parameters of ``params`` that choose copies (the list's search and filters)."""
    chosen = QueryDict(mutable=True)
    for key in COUNTED:
        if key != "folder" and params.getlist(key):
            chosen.setlist(key, params.getlist(key))
    return chosen


def _key(collection: Collection, params: QueryDict, part: str) -> str:
    state = sorted(selection(params).lists())
    digest = hashlib.sha1(repr(state).encode()).hexdigest()
    return f"cinecat:stats:{collection.pk}:{revision.current()}:{digest}:{part}"


def figures_of(collection: Collection, params: QueryDict) -> Figures:
    """The figures of the copies the list of ``params`` shows, from the cache when they are
    there for the catalog as it is now."""

    def count() -> Figures:
        found = figures(Browse.from_query(collection, params).copies())
        found.statuses = statuses(collection, params)
        return found

    return cache.get_or_set(_key(collection, params, "all"), count, timeout=DAY)


def review_of(collection: Collection, params: QueryDict, year: int) -> YearInReview:
    def count() -> YearInReview:
        return year_in_review(Browse.from_query(collection, params).copies(), year)

    return cache.get_or_set(_key(collection, params, f"year-{year}"), count, timeout=DAY)


def drawn_once(collection: Collection, params: QueryDict, part: str, draw) -> str:
    """What ``draw`` renders of the selection's figures, from the cache while the catalog is
    as it was: drawing some 30 charts of templates costs more than reading their figures."""
    return cache.get_or_set(_key(collection, params, part), draw, timeout=DAY)


def statuses(collection: Collection, params: QueryDict) -> list[Tally]:
    """How many copies of the selection, whatever their status, have each status."""
    every = selection(params)
    every.setlist("status", [ALL_STATUSES])
    rows = (
        Browse.from_query(collection, every)
        .copies()
        .values("status")
        .annotate(count=Count("pk"))
        .order_by()
    )
    counted = {row["status"]: row["count"] for row in rows}
    return [
        Tally(value, str(label), counted[value])
        for value, label in CopyStatus.choices
        if counted.get(value)
    ]
