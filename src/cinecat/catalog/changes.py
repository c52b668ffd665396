"""One hook for the data derived from the catalog: writers say what they changed, once.

Derived data (the search index, the facet counts) belongs to apps above the catalog, which
subscribe to this hook; the catalog names no one of them. A service writes inside
``writing()``: a transaction that gathers every change named in it and, as it ends, hands
them to each subscriber once, before the transaction commits, so derived rows commit or roll
back with the catalog's. A change named outside any ``writing()`` block (an import names its
changes batch by batch, inside its own transaction) is handed over at once.
"""

import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import transaction


@dataclass
class Changes:
    """What changed, by id. Each set names rows whose copies' derived data may be stale:
    ``copies`` themselves; the copies of ``editions`` and of any edition sharing a work with
    them; the copies of every edition holding one of ``works``. ``counts`` alone: rows came
    or went (a copy trashed, restored or deleted), no copy's text changed."""

    copies: set[int] = field(default_factory=set)
    editions: set[int] = field(default_factory=set)
    works: set[int] = field(default_factory=set)
    counts: bool = False

    def add(self, other: "Changes") -> None:
        self.copies |= other.copies
        self.editions |= other.editions
        self.works |= other.works
        self.counts = self.counts or other.counts

    def __bool__(self) -> bool:
        return bool(self.copies or self.editions or self.works or self.counts)


Subscriber = Callable[[Changes], None]
_subscribers: list[Subscriber] = []


class _Pending(threading.local):
    changes: Changes | None = None


_pending = _Pending()


def subscribe(subscriber: Subscriber) -> None:
    """Call ``subscriber`` with each set of changes (an app's ``ready()`` subscribes)."""
    if subscriber not in _subscribers:
        _subscribers.append(subscriber)


def changed(
    *,
    copies: Iterable[int] = (),
    editions: Iterable[int] = (),
    works: Iterable[int] = (),
    counts: bool = False,
) -> None:
    """Name what a write changed; handed over when the ``writing()`` block ends, or now."""
    found = Changes(
        {pk for pk in copies if pk is not None},
        {pk for pk in editions if pk is not None},
        {pk for pk in works if pk is not None},
        counts,
    )
    if _pending.changes is not None:
        _pending.changes.add(found)
    elif found:
        _deliver(found)


@contextmanager
def writing() -> Iterator[None]:
    """A transaction whose changes are handed to the subscribers once, as it ends."""
    if _pending.changes is not None:  # inside another: that one hands them over
        with transaction.atomic():
            yield
        return
    _pending.changes = Changes()
    try:
        with transaction.atomic():
            yield
            gathered, _pending.changes = _pending.changes, None
            if gathered:
                _deliver(gathered)
    finally:
        _pending.changes = None


def _deliver(changes: Changes) -> None:
    for subscriber in _subscribers:
        subscriber(changes)
