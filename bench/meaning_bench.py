"""Search by meaning on the benchmark collection, timed against a running `cinecat serve`.

Part of bench/search_bench.py, which calls ``measure`` once the collection is built. Every work
gets a vector: by default a random one (normalised, stored as the product stores them; one in
400 made near one of the stories, so that each has hits to fuse), as the time of a search does
not depend on what the vectors say and embedding 100,000 films takes many minutes on a 2-core
machine; with ``--embed``, the real ones (``vectors.embed_pending``,
timed). Then `cinecat serve --no-worker` is started on the same database and each told story
is asked of the collection page over HTTP (httpx), p50/p95, beside its floors in the same run:
the numpy product alone over the same matrix (``embedding.nearest``) and the query's embedding.
"""

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlencode

import numpy as np

STORIES = [
    "a dictator dies and his ministers scheme for power",
    "a boy raised by wolves in the jungle",
    "a gang of thieves robs a train crossing the desert",
]


def store_vectors(embed: bool) -> dict:
    """A vector for every work: real ones (timed) or random ones."""
    from cinecat.catalog.models import Work
    from cinecat.core.bulk import chunks, insert_rows
    from cinecat.search import embedding, revision, vectors
    from cinecat.search.models import WorkVector

    start = time.perf_counter()
    if embed:
        done = vectors.embed_pending()
        seconds = time.perf_counter() - start
        return {"kind": "embedded", "works": done, "s": round(seconds, 1)}
    rng = np.random.default_rng(20)
    stories = embedding.embed(STORIES)
    works = list(Work.objects.filter(vector__isnull=True).values_list("pk", flat=True))
    for chunk in chunks(works, 2000):
        rows = rng.standard_normal((len(chunk), embedding.DIMENSIONS), dtype=np.float32)
        rows /= np.linalg.norm(rows, axis=1, keepdims=True)
        # One film in 400 is near a story (from 0.4 to 0.9 with it): each story then has a few
        # hundred films near it to find and fuse, as a real catalog would give it.
        near = rng.random(len(chunk)) < 1 / 400
        told = stories[rng.integers(len(STORIES), size=int(near.sum()))]
        weight = rng.uniform(0.4, 0.9, size=(int(near.sum()), 1)).astype(np.float32)
        rows[near] = weight * told + np.sqrt(1 - weight**2) * rows[near]
        blobs = [embedding.to_blob(row) for row in rows]
        insert_rows(
            WorkVector,
            ["work", "vector", "digest", "stale"],
            [(pk, blob, "", False) for pk, blob in zip(chunk, blobs, strict=True)],
        )
    revision.bump(revision.VECTORS)  # as the product does once vectors are written
    return {"kind": "random", "works": len(works), "s": round(time.perf_counter() - start, 1)}


@contextmanager
def served() -> Iterator[str]:
    """`cinecat serve` on a free port of this machine, for as long as the block runs."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "cinecat.cli", "serve", "--no-worker", "--port", str(port)]
    server = subprocess.Popen(command, env=os.environ.copy(), stdout=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_for(url, server)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)


def _wait_for(url: str, server: subprocess.Popen) -> None:
    import httpx

    for _ in range(300):
        if server.poll() is not None:
            raise SystemExit("cinecat serve stopped before answering")
        try:
            httpx.get(f"{url}/", timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise SystemExit("cinecat serve did not answer within 30 s")


WORDS = "new york"  # a search by words alone, asked of the same server for comparison


def measure(slug: str, reps: int, warmup: int, embed: bool, timed) -> dict:
    """The page of each story over HTTP, and its floors, in this run."""
    import logging

    import httpx

    logging.getLogger("httpx").setLevel(logging.WARNING)

    from cinecat.search import embedding, meaning

    stored = store_vectors(embed)
    print(f"  vectors: {stored}", file=sys.stderr)
    start = time.perf_counter()
    matrix = meaning.matrix()  # what each server process reads once, until vectors change
    loaded = time.perf_counter() - start
    result = {"vectors": stored, "matrix_load_s": round(loaded, 2), "stories": []}
    with served() as url, httpx.Client(base_url=url, timeout=60) as client:

        def asked(path: str) -> None:
            client.get(path).raise_for_status()

        by_words = f"/c/{slug}/?{urlencode({'q': WORDS})}"
        result["words_page"] = {"query": WORDS, **timed(lambda: asked(by_words), reps, warmup)}
        for story in STORIES:
            path = f"/c/{slug}/?{urlencode({'q': story})}"
            query = embedding.embed([story])[0]
            entry = {
                "query": story,
                "page": timed(lambda path=path: asked(path), reps, warmup),
                "embed_query": timed(lambda story=story: embedding.embed([story]), reps, 3),
                "numpy_floor": timed(
                    lambda query=query: embedding.nearest(query, matrix.rows, meaning.DEPTH),
                    reps,
                    3,
                ),
                "hits": len(meaning.nearest_works(story)),
            }
            result["stories"].append(entry)
            print(f"  by meaning «{story}»: {entry['page']}", file=sys.stderr)
    return result
