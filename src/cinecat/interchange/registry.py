"""The formats cinecat reads and writes: a key for each, the module that holds it."""

from importlib import import_module
from types import ModuleType

from .formats import spreadsheet_text
from .formats.base import FormatError

# Detection tries formats in this order: the most specific signatures first.
FORMATS: dict[str, str] = {
    "cinecat-json": "cinecat.interchange.formats.cinecat_json",
    "tellico": "cinecat.interchange.formats.tellico",
    "delicious2": "cinecat.interchange.formats.delicious2",
    "clz-xml": "cinecat.interchange.formats.clz_xml",
    "dvdprofiler": "cinecat.interchange.formats.dvdprofiler",
    "gcstar": "cinecat.interchange.formats.gcstar",
    "griffith": "cinecat.interchange.formats.griffith",
    "delicious1": "cinecat.interchange.formats.delicious1",
    "datacrow": "cinecat.interchange.formats.datacrow",
    "clz-page": "cinecat.interchange.formats.clz_page",
    "csv": "cinecat.interchange.formats.csv_import",
}

HEAD_SIZE = 64 * 1024
NOT_RECOGNISED = "cinecat does not recognise this file's format"


class UnknownFormat(FormatError):
    """No format's signature matches the file: the message tells the command line's way out."""


def get(key: str) -> ModuleType:
    try:
        return import_module(FORMATS[key])
    except KeyError:
        known = ", ".join(sorted(FORMATS))
        raise FormatError(f"unknown format {key!r}; known formats: {known}") from None


def detect(head: bytes) -> ModuleType:
    """The format whose signature the first bytes of a file match."""
    if _blank(head):
        raise FormatError("the file is empty", line=1)
    for key in FORMATS:
        module = get(key)
        if module.detect(head):
            return module
    raise UnknownFormat(
        f"{NOT_RECOGNISED}; pass --format with one of: {', '.join(sorted(FORMATS))}"
    )


def _blank(head: bytes) -> bool:
    """Nothing but white space, or a byte order mark and white space (a spreadsheet saved empty)."""
    if not head.strip():
        return True
    text = spreadsheet_text.head_text(head)
    return text is not None and not text.strip()
