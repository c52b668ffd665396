"""Walking XML exports element by element on top of ``xml_safety``, for readers whose entries
are not all children of one container (Tellico's fields and entries, Data Crow 4 and 5).

The parser's safety (no entities, no DTD, no network, line numbers on errors) is
``xml_safety.safe_iterparse``'s; this module adds picking elements by a predicate, freeing
everything already read, and plain-text helpers that ignore namespaces.
"""

import shutil
import tempfile
from collections.abc import Callable, Iterator
from typing import BinaryIO

from lxml import etree

from .base import FormatError
from .xml_safety import safe_iterparse

_SPOOL_IN_MEMORY = 8 * 1024 * 1024


def local_name(element: etree._Element) -> str:
    return etree.QName(element).localname


def text(element: etree._Element | None) -> str:
    """The element's own text, stripped (exports pad values with newlines and tabs)."""
    if element is None or element.text is None:
        return ""
    return element.text.strip()


def iter_elements(
    stream: BinaryIO,
    wanted: Callable[[etree._Element], bool],
    *,
    root: tuple[str, ...],
) -> Iterator[etree._Element]:
    """Each complete element that ``wanted`` picks, freed once the caller is done with it.

    Elements outside picked ones are freed as soon as they end, so memory stays flat. The
    document element's local name must be one of ``root``.
    """
    inside = 0
    for event, element in safe_iterparse(stream):
        parent = element.getparent()
        if event == "start":
            if parent is None:
                _check_root(element, root)
            elif wanted(element):
                inside += 1
            continue
        if parent is None:
            continue
        picked = inside > 0 and wanted(element)
        if picked:
            inside -= 1
            yield element
        if picked or inside == 0:
            element.clear(keep_tail=False)
            while element.getprevious() is not None:
                del parent[0]


def _check_root(element: etree._Element, root: tuple[str, ...]) -> None:
    name = local_name(element)
    if name not in root:
        expected = " or ".join(f"<{tag}>" for tag in root)
        raise FormatError(
            f"expected {expected} as the document element, found <{name}>",
            line=element.sourceline,
        )


def rewindable(stream: BinaryIO) -> BinaryIO:
    """The stream itself if it can seek, else a temporary copy (in memory up to 8 MiB)."""
    try:
        if stream.seekable():
            return stream
    except (AttributeError, OSError):
        pass
    copy = tempfile.SpooledTemporaryFile(max_size=_SPOOL_IN_MEMORY)  # noqa: SIM115
    shutil.copyfileobj(stream, copy)
    copy.seek(0)
    return copy
