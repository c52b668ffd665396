"""A counter that moves on every write to the catalog, so cached facet counts know they are stale.

It lives in the cache every process shares; losing it (a cleared cache) loses the cached counts
with it, so nothing stale can be served.
"""

from django.core.cache import cache

KEY = "cinecat:catalog-revision"


def current() -> int:
    value = cache.get(KEY)
    if value is None:
        cache.add(KEY, 1, timeout=None)
        value = cache.get(KEY, 1)
    return value


def bump() -> None:
    try:
        cache.incr(KEY)
    except ValueError:  # not set yet (a new or cleared cache)
        cache.add(KEY, 1, timeout=None)
