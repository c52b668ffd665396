"""Python's cycle collector run less often while a big import or export makes many objects.

An import or export holds a batch of records (and their rows) for a while: they outlive the
collector's young passes and count towards its full passes over every object of the process.
At tens of thousands of entries those full passes take a quarter of an import's time and a
sixth of a JSON export's, and find nothing to free (records, rows and report items hold no
cycles). Memory stays bounded: a pass still comes every THRESHOLD new objects.
"""

import gc
from collections.abc import Iterator
from contextlib import contextmanager

THRESHOLD = 50_000  # new objects between two passes of the cycle collector (Python's: 700)


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Collect every THRESHOLD new objects, not every 700, until the block ends."""
    before = gc.get_threshold()
    gc.set_threshold(max(before[0], THRESHOLD), *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)
