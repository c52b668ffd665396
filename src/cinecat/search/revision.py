"""A counter that moves on every write to the catalog, so cached facet counts know they are stale.

It lives in the cache every process shares. A cache may lose it while keeping the counts cached
under it (the file cache culls a third of its entries, chosen at random, when it is full): a
lost counter therefore starts again from the clock in microseconds, above any value it can have
had before, so that counts cached under an earlier value are never read again.

The vectors of search by meaning have a counter of their own (``VECTORS``), moved only when
vectors are written: a process keeps them in memory as one matrix until it moves, rather than
reading them all again after any write.
"""

import time

from django.core.cache import cache

KEY = "cinecat:catalog-revision"
VECTORS = "cinecat:vectors-revision"


def current(key: str = KEY) -> int:
    value = cache.get(key)
    if value is None:
        cache.add(key, _fresh(), timeout=None)  # another process may have set it meanwhile
        value = cache.get(key)
    return value if value is not None else _fresh()


def bump(key: str = KEY) -> None:
    try:
        cache.incr(key)
    except ValueError:  # not set (a new cache, or the counter was culled)
        cache.add(key, _fresh(), timeout=None)


def _fresh() -> int:
    # Bumps add one at a time: counting from the clock's microseconds, a counter restarted
    # later is ahead of the old one unless it was bumped a million times a second.
    return time.time_ns() // 1000
