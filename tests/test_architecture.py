"""The plan of the code holds: apps import only the layers below them, modules stay small.

The layers, lowest first (ARCHITECTURE.md draws them): core · catalog · lending · search ·
interchange, metadata, stats · api. An app may import its own modules and those of a lower
layer, never one of its own layer or above: so no two apps depend on each other.
"""

import ast
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parents[1] / "src" / "cinecat"
LAYERS = {
    "core": 0,
    "catalog": 1,
    "accounts": 2,
    "lending": 2,
    "search": 3,
    "interchange": 4,
    "metadata": 4,
    "stats": 4,
    "api": 5,
}
# The project's own modules (settings, URLs, the WSGI entry, the CLI) stand above every app;
# serve, a management command, starts the WSGI application.
PROJECT_ENTRY = {"cinecat.wsgi": "management.commands"}


def modules() -> list[Path]:
    return [path for path in SOURCE.rglob("*.py") if "migrations" not in path.parts]


def package_of(path: Path) -> str:
    package = ".".join(("cinecat", *path.relative_to(SOURCE).with_suffix("").parts))
    if path.name == "__init__.py":
        return package.removesuffix(".__init__")
    return package.rsplit(".", 1)[0]


def imported(path: Path, package: str) -> set[str]:
    """The cinecat modules ``path`` (of ``package``) imports, anywhere in it (functions too)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            # The names imported may be modules: "from cinecat import search" is search.
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return {name for name in found if name == "cinecat" or name.startswith("cinecat.")}


def app_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def upward(path: Path, package: str) -> list[str]:
    """The modules ``path`` imports from its own layer or above: none may be."""
    app = app_of(package)
    wrong = []
    for module in imported(path, package):
        other = app_of(module)
        if other == app:
            continue
        entry = next((key for key in PROJECT_ENTRY if f"{module}.".startswith(f"{key}.")), None)
        if entry is not None and PROJECT_ENTRY[entry] in package:
            continue
        if other not in LAYERS or LAYERS[other] >= LAYERS[app]:
            wrong.append(module)
    return sorted(wrong)


@pytest.mark.parametrize("path", modules(), ids=lambda path: str(path.relative_to(SOURCE)))
def test_an_app_imports_only_the_layers_below_it(path):
    package = package_of(path)
    app = app_of(package)
    if app == "":
        return  # the project's own modules may use every app
    assert app in LAYERS, f"the app {app} has no layer: give it one here and in ARCHITECTURE.md"
    wrong = upward(path, package)
    assert not wrong, f"{app} (layer {LAYERS[app]}) must not import {', '.join(wrong)}"


def test_an_upward_import_is_seen_wherever_it_stands(tmp_path):
    module = tmp_path / "queries.py"
    module.write_text(
        "from cinecat.core import bulk\n"
        "from cinecat.catalog.models import Copy\n"
        "def f():\n    from ..search import facets\n"
        "def g():\n    from cinecat import interchange\n"
    )
    assert upward(module, "cinecat.catalog") == ["cinecat.interchange", "cinecat.search.facets"]
    assert upward(module, "cinecat.interchange") == []


MODULE_LINES, FUNCTION_LINES = 500, 60


@pytest.mark.parametrize("path", modules(), ids=lambda path: str(path.relative_to(SOURCE)))
def test_modules_and_functions_stay_small(path):
    text = path.read_text()
    assert text.count("\n") <= MODULE_LINES, f"over {MODULE_LINES} lines: split it by what it holds"
    long = [
        f"{node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for node in ast.walk(ast.parse(text))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno - node.lineno + 1 > FUNCTION_LINES
    ]
    assert not long, f"functions over {FUNCTION_LINES} lines: {', '.join(long)}"
