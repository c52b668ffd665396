"""One vector per work, for search by meaning, kept current as its text changes.

What is embedded is ``embedding.work_text``: the titles, then the plots (summaries, synopsis)
and the tagline. A row remembers the digest of what it embedded; the change hook compares it
with the work's text now and marks the vector stale when they differ. A few works (an edit)
are embedded there and then; more (an import makes works without any vector) are left to the
worker (``tasks.embed_pending_works``) or to ``cinecat embed``, a batch per transaction, so
an interrupted run goes on where it stopped. Meanwhile a stale vector is still searched.
"""

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable

from django.core.cache import cache
from django.db import transaction
from django.db.models import Q

from cinecat.catalog.models import Plot, Work
from cinecat.core.bulk import chunks, with_ids

from . import embedding, revision
from .index import plot_words
from .models import WorkVector

BATCH = 64  # works embedded per transaction: a few seconds on a busy 2-core machine
INLINE = 16  # at most this many are embedded by the change hook itself (an edit, not an import)
LONGEST_TEXT = 2000  # characters embedded of a work: a long synopsis adds time, not meaning


def work_texts(work_ids: Iterable[int]) -> dict[int, str]:
    """The text embedded of each of these works (those that exist)."""
    texts = {}
    for chunk in chunks(set(work_ids), 500):
        plots = defaultdict(list)
        rows = with_ids(Plot.objects, "work", chunk).order_by("work", "order", "id")
        for work, text, kind in rows.values_list("work", "text", "markup"):
            plots[work].append(plot_words(text, kind))
        works = with_ids(Work.objects, "id", chunk)
        for pk, title, original, tagline in works.values_list(
            "pk", "title", "original_title", "tagline"
        ):
            text = embedding.work_text([title, original], [*plots[pk], tagline])
            texts[pk] = text[:LONGEST_TEXT]
    return texts


def digest(text: str) -> str:
    return hashlib.sha1(f"{embedding.MODEL_NAME}\n{text}".encode()).hexdigest()


def note_changes(work_ids: Iterable[int]) -> None:
    """The change hook's part: mark stale the vectors of works whose text changed, then embed
    what waits now if it is little, or ask the worker to."""
    for chunk in chunks(set(work_ids), 500):
        texts = work_texts(chunk)
        stored = with_ids(WorkVector.objects, "work", chunk).filter(stale=False)
        changed = [
            pk
            for pk, old in stored.values_list("work", "digest")
            if old != digest(texts.get(pk, ""))
        ]
        WorkVector.objects.filter(work__in=changed).update(stale=True)
    if not embedding.installed():
        return
    waiting = pending(INLINE + 1)
    if len(waiting) > INLINE:
        _queue_once()
    elif waiting and embedding.available():
        embed_works(waiting)


def pending(limit: int | None = None) -> list[int]:
    """Works without a current vector (none yet, or stale), by id."""
    waiting = Work.objects.filter(Q(vector__isnull=True) | Q(vector__stale=True))
    return list(waiting.order_by("pk").values_list("pk", flat=True)[:limit])


def embed_works(work_ids: list[int]) -> int:
    """Embed these works and store their vectors; how many were stored.

    Raises embedding.EmbeddingUnavailable when the model cannot be loaded.
    """
    texts = work_texts(work_ids)
    if not texts:
        return 0
    ids = list(texts)
    rows = embedding.embed([texts[pk] for pk in ids])
    vectors = [
        WorkVector(work_id=pk, vector=embedding.to_blob(row), digest=digest(texts[pk]))
        for pk, row in zip(ids, rows, strict=True)
    ]
    with transaction.atomic():
        WorkVector.objects.bulk_create(
            vectors,
            update_conflicts=True,
            unique_fields=["work"],
            update_fields=["vector", "digest", "stale"],
        )
        # Processes keep the vectors as a matrix until this moves: once the rows are visible.
        transaction.on_commit(lambda: revision.bump(revision.VECTORS))
        transaction.on_commit(revision.bump)  # counts of a search by meaning change too
    return len(vectors)


def embed_pending(on_batch: Callable[[int, int], None] | None = None) -> int:
    """Embed every work waiting for its vector, a batch per transaction; how many were.

    ``on_batch(done, waiting)`` is called after each batch, ``waiting`` counted at the start.
    """
    waiting = len(pending())
    done = 0
    while batch := pending(BATCH):
        done += embed_works(batch)
        if on_batch:
            on_batch(done, waiting)
        if done >= waiting + BATCH * 4:  # works keep coming (an import running): the next run
            break
    return done


def mark_all_stale() -> int:
    """Every vector to compute again (another model, another text); kept until it is."""
    return WorkVector.objects.update(stale=True)


QUEUED = "cinecat:embedding-queued"


def _queue_once() -> None:
    """Ask the worker to embed what waits, once the transaction commits: once, whatever the
    number of batches (an import) or processes asking before the worker starts."""

    def queue() -> None:
        from .tasks import embed_pending_works

        if cache.add(QUEUED, True, timeout=600):  # the task clears it as it starts
            embed_pending_works.enqueue()

    transaction.on_commit(queue)
