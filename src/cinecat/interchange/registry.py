"""The formats cinecat reads and writes: each key's module, imported when first asked for.

Each module declares its ``FileFormat`` (``formats/base.py``) as ``FORMAT``; what a format can do
is asked of it (``fmt.writes``, ``fmt.maps_columns``, ``fmt.picks_columns`` …), never of its
key. ``tests/interchange/test_registry.py`` checks every module against the contract.
"""

from importlib import import_module

from .formats import spreadsheet_text
from .formats.base import FileFormat, FormatError

# Detection tries formats in this order: the most specific signatures first.
_MODULES: dict[str, str] = {
    "cinecat-json": "cinecat.interchange.formats.cinecat_json",
    "tellico": "cinecat.interchange.formats.tellico",
    "delicious2": "cinecat.interchange.formats.delicious2",
    "clz-xml": "cinecat.interchange.formats.clz_xml",
    "dvdprofiler": "cinecat.interchange.formats.dvdprofiler",
    "gcstar": "cinecat.interchange.formats.gcstar",
    "griffith": "cinecat.interchange.formats.griffith",
    "delicious1": "cinecat.interchange.formats.delicious1",
    "datacrow": "cinecat.interchange.formats.datacrow",
    "letterboxd": "cinecat.interchange.formats.letterboxd",
    "clz-page": "cinecat.interchange.formats.clz_page",
    "csv": "cinecat.interchange.formats.csv_import",
}
# The modules of formats/ that declare no format: what the format modules share.
HELPERS = frozenset(
    {
        "base",
        "archive_safety",
        "parse",
        "field_values",
        "csv_cells",
        "csv_export",
        "csv_works",
        "spreadsheet_text",
        "json_stream",
        "xml_safety",
        "xml_safe_parse",
        "dvdprofiler_profile",
        "dvdprofiler_codes",
        "dvdprofiler_people",
        "dvdprofiler_edition",
        "dvdprofiler_events",
        "dvdprofiler_episodes",
        "dvdprofiler_write",
        "dvdprofiler_people_write",
        "dvdprofiler_edition_write",
        "dvdprofiler_placed",
        "census",
        "feature_words",
        "clz_movie",
        "clz_edition",
        "clz_discs",
        "clz_episodes",
    }
)

HEAD_SIZE = 64 * 1024
NOT_RECOGNISED = "cinecat does not recognise this file's format"


class UnknownFormat(FormatError):
    """No format's signature matches the file: the message tells the command line's way out."""


def modules() -> dict[str, str]:
    """Each key's module (a dotted path), in the order of detection."""
    return dict(_MODULES)


def get(key: str) -> FileFormat:
    try:
        path = _MODULES[key]
    except KeyError:
        raise FormatError(f"unknown format {key!r}; known formats: {_known()}") from None
    return import_module(path).FORMAT


def readable() -> list[FileFormat]:
    """Every format, in the order of detection (every format reads)."""
    return [get(key) for key in _MODULES]


def writable() -> list[FileFormat]:
    return [fmt for fmt in readable() if fmt.writes]


def detect(head: bytes) -> FileFormat:
    """The format whose signature the first bytes of a file match."""
    if _blank(head):
        raise FormatError("the file is empty", line=1)
    for key in _MODULES:  # imported as tried: a JSON file needs only the first
        fmt = get(key)
        if fmt.detect(head):
            return fmt
    raise UnknownFormat(f"{NOT_RECOGNISED}; pass --format with one of: {_known()}")


def _known() -> str:
    return ", ".join(sorted(_MODULES))


def _blank(head: bytes) -> bool:
    """Nothing but white space, or a byte order mark and white space (a spreadsheet saved empty)."""
    if not head.strip():
        return True
    text = spreadsheet_text.head_text(head)
    return text is not None and not text.strip()
