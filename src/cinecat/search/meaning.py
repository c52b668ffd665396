"""Search by meaning: the works whose stored vectors are nearest a search, fused with full text.

A process keeps every stored vector as one float32 matrix, read again only when vectors were
written (``revision.VECTORS`` moved): a query is one product with it (numpy, about 10 ms for
100,000 works). When the model cannot be loaded, or no vector is stored yet, a search is by
full text alone (the model's failure is logged once, in ``embedding``).
"""

import threading
from typing import NamedTuple

import numpy as np
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from cinecat.catalog.models import EditionWork
from cinecat.catalog.models.work import folded_titles

from . import columns, embedding, full_text, fusion, revision
from .models import WorkVector
from .text import words

DEPTH = 100  # the works of each ranking handed to the fusion, as in bench/semantic
# A work less similar than this to the search is no hit of its own: on bench/semantic the film
# a told story is about scores 0.22 to 0.7 with it, while the tenth best other film scores
# 0.25 (a median), so a story brings its film and a dozen like it, not the whole catalog.
CLOSEST = 0.2
# Nor is one scoring this much below the best: on bench/semantic every told story's film is
# within 0.15 of the best (most often it is the best), with a median of three films that near.
NEAR = 0.15
# Searches of fewer words are names and titles, not stories (bench/semantic: every told story
# has three words or more): one word scores up to 0.3 with films that are nothing like it.
SENTENCE = 3
WORDS_AT_MOST = 1000  # copies matching every word of a story, past which it is no story


class Matrix(NamedTuple):
    revision: int
    works: np.ndarray  # the work id of each row
    rows: np.ndarray  # float32, one normalised vector a row


_lock = threading.Lock()
_cached: Matrix | None = None


def matrix() -> Matrix:
    """Every stored vector, as it is now (the rows read again only after vectors changed)."""
    global _cached
    wanted = revision.current(revision.VECTORS)
    with _lock:
        if _cached is None or _cached.revision != wanted:
            works: list[int] = []
            blobs: list[bytes] = []
            stored = WorkVector.objects.order_by("work").values_list("work", "vector")
            for work, blob in stored.iterator(chunk_size=2000):
                works.append(work)
                blobs.append(bytes(blob))
            rows = embedding.matrix(blobs)
            _cached = Matrix(wanted, np.asarray(works, dtype=np.int64), rows)
        return _cached


def nearest_works(text: str, depth: int = DEPTH) -> list[int]:
    """The works most like ``text``, best first; none when search by meaning is off."""
    if not embedding.available():
        return []
    stored = matrix()
    if not len(stored.works):
        return []
    found = embedding.nearest(embedding.embed([text])[0], stored.rows, depth)
    if not len(found.rows):
        return []
    close = found.scores >= max(CLOSEST, found.scores[0] - NEAR)
    return [int(stored.works[row]) for row in found.rows[close]]


def search(copies: QuerySet, text: str) -> QuerySet:
    """Copies matching every word of ``text`` and, when it reads like a told story, those whose
    films are nearest it in meaning, annotated with ``title_match`` and ``meaning_rank``, to
    be ordered by both in that order.

    A film titled exactly ``text`` comes first; then the copies whose title holds every word,
    in title order, as before search by meaning; then the rest, ranked by the reciprocal rank
    fusion of their full-text and vector rankings (``fusion.fuse``). A search that is a film's
    title is not a story: it lists no film by meaning.
    """
    if len(words(text)) < SENTENCE:
        return _by_words(copies, text)
    # The words of a sentence ("a", "the", "in" as prefixes) are slow to match: once, here.
    found = full_text.matches(copies, text, WORDS_AT_MOST)
    if found is None:  # a story seldom has every word in thousands of films: a list of words
        return _by_words(copies, text)
    by_words, titled = found
    if titled and _exact_titles(copies.filter(pk__in=titled), text):
        return _by_words(copies, text)
    by_vector = _copies_of(copies, nearest_works(text))
    if not by_vector:
        return _by_words(copies, text)
    others = copies.filter(pk__in=set(by_words) - titled).order_by(*columns.ordering("title"))
    ranked = fusion.fuse(
        list(others.values_list("pk", flat=True)[:DEPTH]),
        [pk for pk in by_vector if pk not in titled],
    )
    number = IntegerField()
    rank = Case(
        *(When(pk=pk, then=Value(place)) for place, pk in enumerate(ranked)),
        default=Value(len(ranked)),
        output_field=number,
    )
    title_match = Case(When(pk__in=titled, then=Value(0)), default=Value(1), output_field=number)
    chosen = copies.filter(pk__in=set(by_words) | set(by_vector))
    title_match = title_match if titled else Value(1, output_field=number)
    return chosen.annotate(title_match=title_match, meaning_rank=rank)


def _by_words(copies: QuerySet, text: str) -> QuerySet:
    """Full text alone, a film titled exactly ``text`` first."""
    by_words = full_text.search(copies, text)
    exact = _exact_titles(by_words, text) if words(text) else set()
    number = IntegerField()
    first = Case(When(pk__in=exact, then=Value(-1)), default=Value(0), output_field=number)
    return by_words.annotate(meaning_rank=first if exact else Value(0, output_field=number))


def _exact_titles(by_words: QuerySet, text: str) -> set[int]:
    """The copies of a film titled ``text`` (its title or original title, whatever the case,
    accents and punctuation), looked up by the titles' indexed keys, then compared."""
    if "\x00" in text:  # no title holds a NUL, and PostgreSQL refuses one in a text
        return set()
    order, folded = folded_titles(text.strip(), "")
    film = "edition__edition_works__work__"
    named = Q(**{f"{film}title_order": order}) | Q(**{f"{film}folded_title": folded})
    rows = by_words.filter(named).values_list("pk", f"{film}title", f"{film}original_title")
    return {pk for pk, *titles in rows[:100] if fusion.is_exact_title(text, titles)}


def _copies_of(copies: QuerySet, works: list[int]) -> list[int]:
    """The copies holding these works, in the order of their best work."""
    if not works:
        return []
    place = {work: at for at, work in enumerate(works)}
    links = EditionWork.objects.filter(work__in=works)
    holding = copies.filter(edition__in=links.values("edition"))
    best: dict[int, int] = {}
    for pk, work in holding.values_list("pk", "edition__edition_works__work"):
        if work in place:
            best[pk] = min(best.get(pk, len(works)), place[work])
    return sorted(best, key=lambda pk: (best[pk], pk))
