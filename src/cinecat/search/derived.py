"""The search app's data derived from the catalog, brought up to date by the change hook."""

from cinecat.catalog.changes import Changes
from cinecat.catalog.models import Copy, EditionWork
from cinecat.core.bulk import chunks

from . import revision, vectors
from .index import reindex


def refresh(changes: Changes) -> None:
    """Rewrite the search documents of every copy the changes touch (those that differ), mark
    stale the vectors of works whose text changed (embedding them, or asking the worker to),
    and make cached facet counts stale."""
    reindex(affected_copies(changes))
    works = affected_works(changes)
    if works or changes.counts:  # counts: an import's new works wait for their vectors
        vectors.note_changes(works)
    revision.bump()


def affected_works(changes: Changes) -> set[int]:
    """The works named and those of the editions named: the texts a vector is made of (a
    copy's own fields are not among them)."""
    found = set(changes.works)
    for chunk in chunks(changes.editions, 500):
        links = EditionWork.objects.filter(edition__in=chunk)
        found.update(links.values_list("work", flat=True))
    return found


def affected_copies(changes: Changes) -> set[int]:
    """The copies named, those of the editions named, and those of every edition holding a
    work named or a work of an edition named (an edition is shared by collections, a film by a
    box set and its own release)."""
    found = set(changes.copies)
    works = set(changes.works)
    for chunk in chunks(changes.editions, 500):
        links = EditionWork.objects.filter(edition__in=chunk)
        works.update(links.values_list("work", flat=True))
        found.update(Copy.everything.filter(edition__in=chunk).values_list("pk", flat=True))
    for chunk in chunks(works, 500):
        editions = EditionWork.objects.filter(work__in=chunk).values("edition")
        found.update(Copy.everything.filter(edition__in=editions).values_list("pk", flat=True))
    return found
