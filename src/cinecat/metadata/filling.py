"""Filling many copies' films from a provider in the background: only the fields they lack.

A film that lacks its cast or its plots is looked up (by the id it has, else by the one film
of its title and year) and given the provider's value of every field it has empty; a field
with a value is never touched. Each copy is its own edit, on its history as the provider's
update; the job counts them as it goes, so its page shows progress, and a job started again
goes on after the last copy it did.
"""

import logging
from collections.abc import Callable

from django.db.models import Q, QuerySet
from django.utils import timezone

from cinecat.catalog import history
from cinecat.catalog.models import Collection, Copy, Credit, CreditRole, Plot, Work
from cinecat.catalog.services import EditConflict

from . import updating
from .base import BadKey, NotConfigured, ProviderError
from .differences import gaps
from .models import FillJob

logger = logging.getLogger(__name__)
STOPS = (BadKey, NotConfigured)  # every other copy would fail the same way
NOTES = 1000  # the copies a job's page names; the counts go on past them


def new_fill(collection: Collection, copies: QuerySet[Copy], *, by=None) -> FillJob:
    """A job filling the films of ``copies``, in the order of their numbers."""
    user = by if by is not None and by.is_authenticated else None
    ids = list(copies.order_by("index").values_list("pk", flat=True))
    return FillJob.objects.create(collection=collection, by=user, copies=ids)


def queue_fill(collection: Collection, copies: QuerySet[Copy], *, by=None) -> FillJob:
    """A job filling the films of ``copies``, queued for the worker."""
    from .tasks import fill_films  # the task runs this module: imported when queued

    job = new_fill(collection, copies, by=by)
    fill_films.enqueue(job.pk)
    return job


def lacking(copies: QuerySet[Copy]) -> QuerySet[Copy]:
    """Those of ``copies`` with a film that has no cast or no plot."""
    cast = Credit.objects.filter(role=CreditRole.CAST).values("work")
    plots = Plot.objects.values("work")
    works = Work.objects.filter(~Q(pk__in=cast) | ~Q(pk__in=plots))
    return copies.filter(edition__works__in=works).distinct()


def lacks(copy: Copy) -> list[int]:
    """The places on the copy's edition of the films without cast or without plots."""
    works = history.record_of(copy).works
    return [
        place
        for place, work in enumerate(works)
        if not work.plots or not any(credit.role != "crew" for credit in work.credits)
    ]


def fill_copy(copy: Copy, providers: list[str], *, by=None) -> tuple[str, str]:
    """Fill the copy's films that lack cast or plots: (outcome, what was done in words), the
    outcome one of FillJob's counters: filled, complete, unmatched."""
    places = lacks(copy)
    if not places:
        return "complete", "had cast and plots already"
    taken: list[str] = []
    matched = False
    for place in places:
        work = history.record_of(copy).works[place]
        for provider in providers:
            found = updating.find_entry(work, provider)
            if found is None:
                continue
            matched = True
            proposal = updating.propose(copy, found, place)
            keys = gaps(proposal.differences)
            if keys:
                done = updating.update_copy(
                    copy, found, keys, version=proposal.version, film=place, by=by
                )
                taken += [label for label in done.taken if label not in taken]
                copy = done.copy
            break
    if not matched:
        return "unmatched", "no film data service knows this film for sure: update it by hand"
    if not taken:
        return "complete", "the service has nothing it lacks"
    return "filled", "filled " + ", ".join(taken)


def run_fill(job_id: int, on_copy: Callable[[FillJob], None] | None = None) -> FillJob:
    """Run a fill job, from the copy after the last one it did; ``on_copy`` is told of the
    job after each copy (a command's progress bar)."""
    job = FillJob.objects.select_related("collection", "by").get(pk=job_id)
    if job.status in (FillJob.Status.DONE, FillJob.Status.FAILED):
        return job
    job.status, job.started_at = FillJob.Status.RUNNING, job.started_at or timezone.now()
    job.save(update_fields=["status", "started_at"])
    providers = updating.update_providers()
    if not providers:
        return _stop(job, "No film data service is set up to fill films from.")
    for pk in job.copies[job.processed :]:
        copy = Copy.objects.filter(pk=pk, collection=job.collection).first()
        try:
            outcome, words = _one(copy, providers, job)
        except STOPS as exc:
            return _stop(job, str(exc))
        if outcome:
            setattr(job, outcome, getattr(job, outcome) + 1)
        title = copy.first_work.title if copy is not None and copy.first_work else ""
        if len(job.notes) < NOTES:
            job.notes.append([copy.index if copy is not None else None, title, words])
        job.processed += 1
        job.save()
        if on_copy is not None:
            on_copy(job)
    job.status, job.finished_at = FillJob.Status.DONE, timezone.now()
    job.save(update_fields=["status", "finished_at"])
    return job


def _one(copy: Copy | None, providers: list[str], job: FillJob) -> tuple[str, str]:
    if copy is None:
        return "", "deleted or moved to the trash since it was picked: left out"
    try:
        return fill_copy(copy, providers, by=job.by)
    except EditConflict:
        return "failed", "changed by someone meanwhile: nothing taken, fill it again"
    except STOPS:
        raise
    except ProviderError as exc:
        logger.warning("fill %s, #%s: %s", job.pk, copy.index, exc)
        return "failed", str(exc)


def _stop(job: FillJob, reason: str) -> FillJob:
    job.status, job.error, job.finished_at = FillJob.Status.FAILED, reason, timezone.now()
    job.save(update_fields=["status", "error", "finished_at"])
    return job
