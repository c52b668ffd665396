"""Every format module keeps the contract of formats/base.py, and the registry knows them all."""

import ast
import inspect
import io
from importlib import import_module
from pathlib import Path

import pytest

from cinecat.catalog.models import Copy
from cinecat.catalog.records import CopyRecord, Record, WorkRecord
from cinecat.interchange import export, registry
from cinecat.interchange.formats.base import FileFormat, FormatError
from cinecat.interchange.management.commands import export as export_command
from cinecat.interchange.services import import_files

FORMATS_DIR = Path(import_module("cinecat.interchange.formats").__file__).parent
INTERCHANGE = FORMATS_DIR.parent
REGISTERED = registry.modules()
NOT_THEIRS = [b"", b"not a file\n", b"<x/>", b"{}", b"\x00\x01\x02 binary"]
HEAT = Record(works=(WorkRecord(title="Heat", year=1995),), copy=CopyRecord(index=7))


def formats() -> list[FileFormat]:
    return registry.readable()


def test_every_module_in_formats_is_a_registered_format_or_a_declared_helper():
    paths = {module.rpartition(".")[2] for module in REGISTERED.values()}
    found = {path.stem for path in FORMATS_DIR.glob("*.py")} - {"__init__"}
    assert found - paths - registry.HELPERS == set(), "neither registered nor a helper"
    assert registry.HELPERS - found == set(), "a declared helper that is not there"
    assert paths & registry.HELPERS == set(), "registered and a helper"


@pytest.mark.parametrize("name", sorted(registry.HELPERS))
def test_a_helper_module_declares_no_format(name):
    assert not hasattr(import_module(f"cinecat.interchange.formats.{name}"), "FORMAT")


@pytest.mark.parametrize(("key", "path"), REGISTERED.items())
def test_each_registered_module_declares_its_format_under_its_key(key, path):
    fmt = import_module(path).FORMAT
    assert isinstance(fmt, FileFormat)
    assert fmt.key == key
    assert fmt.label and fmt.label != fmt.key
    assert registry.get(key) is fmt


def test_keys_labels_and_modules_are_each_one_formats():
    assert len({fmt.key for fmt in formats()}) == len(REGISTERED)
    assert len({fmt.label for fmt in formats()}) == len(REGISTERED)
    assert len(set(REGISTERED.values())) == len(REGISTERED)
    assert [fmt.key for fmt in registry.readable()] == list(REGISTERED)  # detection order


def _positional(function) -> list[inspect.Parameter]:
    return [
        parameter
        for parameter in inspect.signature(function).parameters.values()
        if parameter.default is inspect.Parameter.empty
        and parameter.kind in (parameter.POSITIONAL_ONLY, parameter.POSITIONAL_OR_KEYWORD)
    ]


@pytest.mark.parametrize("fmt", formats(), ids=lambda fmt: fmt.key)
def test_detection_takes_the_first_bytes_and_says_yes_or_no(fmt):
    assert len(_positional(fmt.detect)) == 1
    for head in NOT_THEIRS:
        assert fmt.detect(head) is False


@pytest.mark.parametrize("fmt", formats(), ids=lambda fmt: fmt.key)
def test_a_reader_takes_a_stream_and_refuses_what_is_not_its_format_with_a_format_error(fmt):
    readers = [fmt.read] + [fmt.read_entries] * fmt.reads_entries
    if fmt.maps_columns:
        readers.append(fmt.mapping.read)
    for read in readers:
        assert callable(read) and len(_positional(read)) == 1
        for data in NOT_THEIRS:
            with pytest.raises(FormatError):
                list(read(io.BytesIO(data)))


@pytest.mark.parametrize("fmt", [f for f in formats() if f.maps_columns], ids=lambda f: f.key)
def test_a_format_that_maps_columns_names_its_fields_guesses_them_and_previews(fmt):
    mapping = fmt.mapping
    assert mapping.fields and all(label for label in mapping.fields.values())
    assert set(mapping.guess(["Title", "Whatever"]).values()) <= set(mapping.fields)
    data = b"Film,Year\nHeat,1995\n"
    header, records = mapping.preview(io.BytesIO(data), {"Film": "title"}, rows=1)
    assert (header, [r.works[0].title for r in records]) == (["Film", "Year"], ["Heat"])
    (record,) = mapping.read(io.BytesIO(data), {"Film": "title"})
    assert record.works[0].year == 1995


@pytest.mark.parametrize("fmt", registry.writable(), ids=lambda fmt: fmt.key)
def test_what_a_writer_writes_is_detected_as_its_format_and_read_back(fmt):
    assert fmt.extension and not fmt.extension.startswith(".")
    assert "/" in fmt.content_type
    assert len(_positional(fmt.write)) == 2
    stream = io.BytesIO()
    options = {"columns": ["index", "title", "year"]} if fmt.picks_columns else {}
    fmt.write([HEAT], stream, **options)
    written = stream.getvalue()
    assert registry.detect(written[: registry.HEAD_SIZE]) is fmt
    (record,) = fmt.read(io.BytesIO(written))
    assert (record.works[0].title, record.works[0].year, record.copy.index) == ("Heat", 1995, 7)


@pytest.mark.parametrize("fmt", registry.writable(), ids=lambda fmt: fmt.key)
def test_a_writer_reads_only_record_parts_an_export_has(fmt):
    if fmt.parts is None:
        return  # it reads all of them
    assert fmt.parts() <= export.PARTS
    assert fmt.parts(columns=list(fmt.columns)) <= export.PARTS


def test_formats_that_write_the_columns_picked_list_them_and_the_default_ones():
    picking = [fmt for fmt in registry.writable() if fmt.picks_columns]
    assert picking, "the CSV writer picks columns"
    for fmt in picking:
        assert fmt.default_columns and set(fmt.default_columns) <= set(fmt.columns)
        assert "columns" in inspect.signature(fmt.write).parameters


def test_a_format_declares_only_what_it_can_do():
    with pytest.raises(TypeError, match="a writer needs an extension"):
        FileFormat("x", "X", detect=bool, read=iter, write=print)
    with pytest.raises(TypeError, match="are a writer's"):
        FileFormat("x", "X", detect=bool, read=iter, extension="x")
    with pytest.raises(TypeError, match="default columns"):
        FileFormat("x", "X", bool, iter, write=print, extension="x", content_type="a/b",
               columns=("a",), default_columns=("b",))  # fmt: skip


def test_an_unknown_key_is_refused_naming_the_known_ones():
    with pytest.raises(FormatError, match="unknown format 'betamax'; known formats: cinecat-json"):
        registry.get("betamax")


def test_the_commands_offer_the_registrys_formats():
    importing = import_module("cinecat.interchange.management.commands.import").Command()
    choices = _choices(importing.create_parser("cinecat", "import"), "format")
    assert choices == sorted(fmt.key for fmt in registry.readable())
    exporting = export_command.Command().create_parser("cinecat", "export")
    assert _choices(exporting, "format") == sorted(fmt.key for fmt in registry.writable())


def _choices(parser, dest: str) -> list[str]:
    return next(action.choices for action in parser._actions if action.dest == dest)


# What asks a format what it can do, and must not ask which format it is.
CALLERS = sorted(
    [INTERCHANGE / "services.py", INTERCHANGE / "export.py", INTERCHANGE / "forms.py"]
    + list((INTERCHANGE / "views").glob("*.py"))
    + list((INTERCHANGE / "management" / "commands").glob("*.py"))
)


@pytest.mark.parametrize("path", CALLERS, ids=lambda path: str(path.relative_to(INTERCHANGE)))
def test_callers_reach_formats_through_the_registry_and_ask_no_module_what_it_has(path):
    tree = ast.parse(path.read_text())
    format_modules = {module.rpartition(".")[2] for module in REGISTERED.values()}
    named = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            named |= {(node.module or "").rpartition(".")[2]} | {a.name for a in node.names}
        elif isinstance(node, ast.Import):
            named |= {alias.name.rpartition(".")[2] for alias in node.names}
    assert named & format_modules == set(), "imports a format module instead of the registry"
    called = {n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and _named(n.func)}
    assert "hasattr" not in called


def _named(function: ast.AST) -> bool:
    return isinstance(function, ast.Name)


def test_a_column_map_is_refused_for_a_format_whose_files_have_no_columns(
    alice_collection, reference_path
):
    with pytest.raises(FormatError, match=r"a CLZ collection page \(text\) file has no columns"):
        import_files([reference_path], alice_collection, "clz-page", column_map={"A": "title"})
    assert Copy.objects.count() == 0


@pytest.mark.parametrize("fmt", [f for f in formats() if f.counts], ids=lambda fmt: fmt.key)
def test_a_format_that_counts_reads_with_a_census(fmt):
    parameter = inspect.signature(fmt.read).parameters["census"]
    assert parameter.default is None and parameter.kind is parameter.POSITIONAL_OR_KEYWORD
