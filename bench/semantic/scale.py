"""At 100,000 works: ranking a query against every stored vector, and embedding every plot.

The ranking runs ``search.embedding.nearest`` on synthetic normalised vectors (random, as the
ranking's cost does not depend on what they mean): float32 as ``embedding.matrix`` holds them,
and float16 as stored, which ``nearest`` then widens at every query (why it is not kept so).
The plot texts are made by joining sentences of the evaluation's plots, so they have the
length and vocabulary of real ones.
"""

import random
import re
import statistics
import time
from collections.abc import Callable

import numpy as np

WORKS = 100_000
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def synthetic_matrix(works: int, dimensions: int, dtype, seed: int = 7) -> np.ndarray:
    rows = np.random.default_rng(seed).standard_normal((works, dimensions), dtype=np.float32)
    rows /= np.linalg.norm(rows, axis=1, keepdims=True)
    return rows.astype(dtype)


def time_nearest(works: int, dimensions: int, dtype, reps: int = 40, k: int = 100) -> dict:
    """p50/p95 of one query's top ``k`` among ``works`` rows, in milliseconds."""
    from cinecat.search.embedding import nearest

    rows = synthetic_matrix(works, dimensions, dtype)
    queries = synthetic_matrix(reps + 3, dimensions, np.float32, seed=11)
    samples = []
    for number, query in enumerate(queries):
        start = time.perf_counter()
        nearest(query, rows, k)
        if number >= 3:  # the first runs warm the caches
            samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return {
        "p50_ms": round(statistics.median(samples), 2),
        "p95_ms": round(samples[int(len(samples) * 0.95) - 1], 2),
        "matrix_mb": round(rows.nbytes / 2**20, 1),
    }


def plot_texts(plots: list[str], count: int, seed: int = 5) -> list[str]:
    """``count`` plot-like texts, each three to five sentences of different plots."""
    rng = random.Random(seed)
    sentences = [part for plot in plots for part in _SENTENCE.split(plot) if part]
    return [" ".join(rng.sample(sentences, rng.randint(3, 5))) for _ in range(count)]


def time_embedding(
    embed: Callable[[list[str]], np.ndarray], plots: list[str], count: int, budget_s: float
) -> dict:
    """Seconds to embed ``count`` plot texts in batches of 256; past ``budget_s`` the rest is
    extrapolated from the rate so far (and the figure says so)."""
    texts = plot_texts(plots, count)
    done, start = 0, time.perf_counter()
    while done < count and time.perf_counter() - start < budget_s:
        embed(texts[done : done + 256])
        done += len(texts[done : done + 256])
    seconds = time.perf_counter() - start
    rate = done / seconds
    return {
        "texts": count,
        "measured": done,
        "seconds": round(seconds if done == count else count / rate, 1),
        "extrapolated": done < count,
        "texts_per_s": round(rate),
    }
