"""An entry as an update leaves it: what a source carries over what the catalog has.

An import that updates a copy never erases: a field the source does not carry (a record's
field left as its default: empty, none, nothing) keeps its stored value. A list (credits,
plots, tags, loans …) is taken whole from the source when it carries one, else kept whole. The
works of an edition are merged one by one, in order; a work the source adds is added.
"""

import dataclasses
import functools

from .models.work import sort_key
from .records import Record, WorkRecord


def merged(stored: Record, incoming: Record) -> Record:
    """``stored`` with every value ``incoming`` carries."""
    works = [
        _work(stored.works[place], work) if place < len(stored.works) else work
        for place, work in enumerate(incoming.works)
    ]
    works += stored.works[len(incoming.works) :]
    return dataclasses.replace(
        incoming,
        works=tuple(works),
        edition=_over(stored.edition, incoming.edition),
        copy=_over(stored.copy, incoming.copy),
        source_id=incoming.source_id or stored.source_id,
    )


def _work(stored: WorkRecord, incoming: WorkRecord) -> WorkRecord:
    """A work merged; a sort title that was made from the title follows a new title."""
    work = _over(stored, incoming)
    if not incoming.sort_title and stored.sort_title == sort_key(stored.title):
        work = dataclasses.replace(work, sort_title=sort_key(work.title))
    return work


def _over(stored, incoming):
    """A record of ``stored``'s type: ``incoming``'s values where it carries one, else
    stored's."""
    changes = {}
    for name, default in _defaults(type(stored)):
        value = getattr(incoming, name)
        if value != default and value != getattr(stored, name):
            changes[name] = value
    return dataclasses.replace(stored, **changes) if changes else stored


@functools.cache
def _defaults(record_type: type) -> tuple[tuple[str, object], ...]:
    """Each field with the value a source leaves it at when it does not carry it."""
    found = []
    for field in dataclasses.fields(record_type):
        if field.default is not dataclasses.MISSING:
            found.append((field.name, field.default))
        elif field.default_factory is not dataclasses.MISSING:
            found.append((field.name, field.default_factory()))
        else:
            found.append((field.name, ""))  # a required text (a title): empty is not carried
    return tuple(found)


def same_entry(stored: Record, incoming: Record) -> bool:
    """Whether ``incoming`` holds nothing ``stored`` does not (an update would change nothing)."""
    return (stored.works, stored.edition, stored.copy) == (
        incoming.works,
        incoming.edition,
        incoming.copy,
    )
