"""How well search by meaning finds a film from its story: full text, vectors, and both fused.

    python bench/semantic_eval.py [--model NAME]... [--sweep] [--no-scale] [--works 100000]

Reads the evaluation set of bench/semantic (films with plots written for cinecat, and searches
that tell a story without its title's words), builds a throw-away SQLite catalog of the films
through ``apply_records`` and, for each installed model (all of bench/semantic/models.py
unless ``--model`` names some), ranks every search three ways: the product's full-text search,
the vectors alone, and their reciprocal rank fusion (``search.fusion``, an exact title first).
Prints top-1, top-10 and MRR for English searches, German and French ones, and typed titles;
the stored forms (float16, int8) against float32; the model's speed, memory and install size;
and at ``--works`` (100,000) works the time to rank one query and to embed every plot. Also
ranks every search as the collection page does once the films have their vectors: the
product's own fusion (``search.meaning``), with its thresholds.
``--sweep`` tries fusion parameters. Writes bench/results/semantic-eval.json (adding to the
models of an earlier run, which may have used another virtualenv).
"""

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from semantic import catalog, figures, models, scale

BENCH = Path(__file__).resolve().parent
RESULTS = BENCH / "results"
VECTOR_DEPTH = 100  # vector hits handed to the fusion, as a search page would ask for
TEXTS = {
    "plot": lambda film, embedding: film.plot,
    "titles+plot": lambda film, embedding: embedding.work_text(film.titles, [film.plot]),
}


def vector_rankings(model, documents: list[str], films, queries) -> tuple[list, np.ndarray]:
    """Each query's films by cosine similarity, and the document matrix."""
    matrix = model.documents(documents)
    similarity = model.queries([query.text for query in queries]) @ matrix.T
    ids = [film.id for film in films]
    return [[ids[i] for i in np.argsort(-row, kind="stable")] for row in similarity], matrix


def fused(full_text: list, vectors: list, exact: list, **parameters) -> list:
    from cinecat.search.fusion import fuse

    return [
        fuse(text, vector[:VECTOR_DEPTH], titles, **parameters)
        for text, vector, titles in zip(full_text, vectors, exact, strict=True)
    ]


def stored_forms(model, matrix: np.ndarray, films, queries) -> dict:
    """Vector MRR when the documents are stored as float32, float16 or int8."""
    from cinecat.search import embedding

    query_rows = model.queries([query.text for query in queries])
    ids = [film.id for film in films]
    forms = {"float32": matrix, "float16": matrix.astype(np.float16).astype(np.float32)}
    scale_of = np.abs(matrix).max(axis=1, keepdims=True) / 127
    forms["int8"] = np.round(matrix / scale_of).astype(np.int8) * scale_of
    reference = None
    result = {}
    for name, rows in forms.items():
        order = [embedding.nearest(row, rows, 10).rows for row in query_rows]
        reference = reference or [set(top) for top in order]
        rankings = [[ids[i] for i in np.argsort(-(rows @ row))] for row in query_rows]
        same = [len(set(top) & ref) / 10 for top, ref in zip(order, reference, strict=True)]
        overlap = np.mean(same)
        result[name] = {
            "mrr": figures.scores(queries, rankings)["story"]["mrr"],
            "top10_same_as_float32": round(float(overlap), 3),
            "bytes_per_vector": rows.shape[1] * {"float32": 4, "float16": 2, "int8": 1}[name],
        }
    return result


def evaluate(model, films, queries, legs: dict, exact, sweep: bool) -> dict:
    """Vectors alone and fused with each full-text leg, for each text of a film embedded."""
    from cinecat.search import embedding

    result = {"texts": {}, "sweep": {}}
    for name, text_of in TEXTS.items():
        documents = [text_of(film, embedding) for film in films]
        vectors, matrix = vector_rankings(model, documents, films, queries)
        found = result["texts"][name] = {"vectors": figures.scores(queries, vectors)}
        for leg, full_text in legs.items():
            found[f"fusion with {leg}"] = figures.scores(queries, fused(full_text, vectors, exact))
            if sweep and name == "titles+plot":
                tried = figures.sweep(queries, full_text, vectors, exact, fused)
                result["sweep"][leg] = tried
        if name == "titles+plot":
            result["stored"] = stored_forms(model, matrix, films, queries)
    return result


def speed(model, films, queries, rounds: int = 3) -> dict:
    """Plot texts per second (500 new ones a round) and one query's embedding time (p50 of
    40), each the best of ``rounds``: the machine may be busy with something else."""
    plots = [film.plot for film in films]
    model.documents(plots[:8])
    rates, latencies = [], []
    for number in range(rounds):
        texts = scale.plot_texts(plots, 500, seed=number)
        start = time.perf_counter()
        model.documents(texts)
        rates.append(len(texts) / (time.perf_counter() - start))
        samples = []
        for query in queries[:40]:
            start = time.perf_counter()
            model.queries([query.text])
            samples.append((time.perf_counter() - start) * 1000)
        latencies.append(float(np.median(samples)))
    return {"plots_per_s": round(max(rates)), "query_ms_p50": round(min(latencies), 2)}


def memory(name: str) -> dict:
    """Load time and resident memory of a fresh process that loads the model and embeds."""
    command = [sys.executable, __file__, "--memory-of", name]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure_memory(name: str) -> None:
    before = figures.rss_mb()
    start = time.perf_counter()
    model = models.load(name)
    model.documents(["A first text loads whatever is loaded lazily."])
    seconds = time.perf_counter() - start
    print(json.dumps({"load_s": round(seconds, 2), "rss_mb": round(figures.rss_mb() - before)}))


def at_scale(model, films, options, dimensions: int) -> dict:
    return {
        "nearest_float16": scale.time_nearest(options.works, dimensions, np.float16),
        "nearest_float32": scale.time_nearest(options.works, dimensions, np.float32),
        "embed_plots": scale.time_embedding(
            model.documents, [film.plot for film in films], options.works, options.budget
        ),
    }


PRODUCT = "the list's search, words and meaning (the product)"


def _product_rankings(search, queries) -> list | None:
    """Each query as the collection page ranks it once every film has its vector (none when
    the product's model cannot be loaded)."""
    from cinecat.search import embedding, vectors

    if not embedding.available():
        return None
    vectors.embed_pending()
    return [search.ranking(query.text) for query in queries]


def run(options: argparse.Namespace) -> dict:
    from cinecat.search.fusion import is_exact_title

    films, queries = catalog.films(), catalog.queries()
    with catalog.full_text_catalog(films) as search:
        legs = {
            "full text": [search.ranking(query.text) for query in queries],
            "any word": [search.any_word_ranking(query.text) for query in queries],
        }
        product = _product_rankings(search, queries)
    exact = [[f.id for f in films if is_exact_title(q.text, f.titles)] for q in queries]
    result = {"films": len(films), "queries": figures.counts(queries), "models": {}}
    result["full_text"] = {leg: figures.scores(queries, found) for leg, found in legs.items()}
    if product:
        result["full_text"][PRODUCT] = figures.scores(queries, product)
    for name in options.model or list(models.LOADERS):
        if not models.installed(name):
            print(
                f"{name}: its package {models.LOADERS[name][0]} is not installed", file=sys.stderr
            )
            continue
        print(f"{name} …", file=sys.stderr)
        model = models.load(name)
        entry = evaluate(model, films, queries, legs, exact, options.sweep)
        entry.update(speed(model, films, queries), **memory(name))
        entry["install_mb"] = models.install_size(models.LOADERS[name][0])
        if not options.no_scale:
            dimensions = model.documents(["x"]).shape[1]
            entry["scale"] = at_scale(model, films, options, dimensions)
        result["models"][name] = entry
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", action="append", choices=list(models.LOADERS))
    parser.add_argument("--sweep", action="store_true", help="try fusion parameters")
    parser.add_argument("--no-scale", action="store_true", help="skip the 100,000-work figures")
    parser.add_argument("--works", type=int, default=100_000, help="works for the scale figures")
    parser.add_argument("--budget", type=float, default=240, help="seconds of embedding, at most")
    parser.add_argument("--memory-of", help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    if options.memory_of:
        measure_memory(options.memory_of)
        return
    result = run(options)
    figures.report(result)
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / "semantic-eval.json"
    if out.exists():  # models measured by an earlier run (another virtualenv) are kept
        result["models"] = json.loads(out.read_text())["models"] | result["models"]
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"\nwrote {out.relative_to(BENCH.parent)}")


if __name__ == "__main__":
    main()
