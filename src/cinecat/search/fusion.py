"""One ranking from several: reciprocal rank fusion of full-text and vector results.

Each list votes ``weight / (k + rank)`` for what it holds (rank 1 is its best); a work found by
both lists gathers both votes. Rank fusion needs no score of either side, which is as well: the
full-text match has none (it is ordered by title) and cosine similarities of different models
are not comparable. The parameters are those chosen on bench/semantic (see its RESULTS.md).

A work whose title is exactly what was typed comes first whatever the votes: someone who types
"Heat" wants *Heat*, not the films most like the word.
"""

from collections.abc import Hashable, Iterable, Sequence
from typing import TypeVar

from .text import words

T = TypeVar("T", bound=Hashable)

# Chosen on bench/semantic (RESULTS.md): with a small k the top of each list counts for much
# more than its tail, and the vectors, better at told stories, outvote a keyword match.
K = 3
FULL_TEXT_WEIGHT = 1.0
VECTOR_WEIGHT = 3.0


def reciprocal_rank_fusion(
    rankings: Sequence[Sequence[T]], weights: Sequence[float] | None = None, k: int = K
) -> list[T]:
    """The items of every ranking, best fused score first.

    Ties keep the order in which the items were first met, ranking by ranking.
    """
    weights = [1.0] * len(rankings) if weights is None else weights
    scores: dict[T, float] = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        for rank, item in enumerate(dict.fromkeys(ranking), 1):
            scores[item] = scores.get(item, 0.0) + weight / (k + rank)
    return sorted(scores, key=lambda item: -scores[item])  # a stable sort keeps ties in order


def title_key(text: str) -> str:
    """A title or a query as titles are compared: folded words ('Amélie!' is 'amelie')."""
    return " ".join(words(text))


def is_exact_title(query: str, titles: Iterable[str]) -> bool:
    """Whether ``query`` is one of ``titles``, whatever its case, accents and punctuation."""
    wanted = title_key(query)
    return bool(wanted) and any(title_key(title) == wanted for title in titles)


def fuse(
    full_text: Sequence[T],
    vectors: Sequence[T],
    exact_titles: Iterable[T] = (),
    *,
    k: int = K,
    full_text_weight: float = FULL_TEXT_WEIGHT,
    vector_weight: float = VECTOR_WEIGHT,
) -> list[T]:
    """Full-text and vector rankings as one, the works titled exactly as the query first.

    ``exact_titles`` are those works (see ``is_exact_title``), in the order to show them; they
    come first even when neither ranking holds them.
    """
    fused = reciprocal_rank_fusion([full_text, vectors], [full_text_weight, vector_weight], k)
    first = list(dict.fromkeys(exact_titles))
    chosen = set(first)
    return first + [item for item in fused if item not in chosen]
