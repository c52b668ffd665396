"""Reading XML exports safely and in constant memory, for any XML format module.

Exports come from other people's machines: the parser expands no entities, loads no DTD, touches
no network and refuses huge trees; a DOCTYPE that declares entities is refused outright (billion
laughs, external entities). Each entry is handed over once it is complete, then freed, so a
collection of 50,000 films takes no more memory than one film. Malformed XML becomes a
``FormatError`` that names the line.
"""

import re
from collections.abc import Iterator
from typing import BinaryIO

from lxml import etree

from .base import FormatError

_PROLOG = re.compile(r"\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>)", re.S)
_FIRST_TAG = re.compile(r"\s*<([A-Za-z_][\w.:-]*)")
_SAFE = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "huge_tree": False,
    "remove_comments": True,
    "remove_pis": True,
}


def root_tag(head: bytes) -> str:
    """The name of the first element in the first bytes of a file, or "" if there is none."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", errors="ignore")
    else:
        # Element names in the exports we read are ASCII, whatever the declared encoding.
        text = head.removeprefix(b"\xef\xbb\xbf").decode("latin-1")
    position = 0
    while match := _PROLOG.match(text, position):
        position = match.end()
    match = _FIRST_TAG.match(text, position)
    return match[1] if match else ""


def safe_iterparse(stream: BinaryIO) -> Iterator[tuple[str, etree._Element]]:
    """("start" | "end", element) pairs from a parser that resolves nothing outside the file."""
    return _checked(_parser(stream, ("start", "end")))


def iter_entries(
    stream: BinaryIO, *, root: str, container: str, entry: str
) -> Iterator[tuple[int, etree._Element]]:
    """Each complete ``<entry>`` child of a ``<container>``, numbered from 1, freed after use.

    Raises ``FormatError`` when the document element is not ``<root>``.
    """
    # The document element is checked first, then lxml picks the <entry> events in C: Python
    # sees two events an entry instead of two a node.
    events = _parser(_up_to_the_root(stream, root), ("end",), tag=entry)
    number = 0
    for _, element in _checked(events):
        parent = element.getparent()
        if parent is None or parent.tag != container:
            continue
        while element.getprevious() is not None:
            del parent[0]  # the entries before this one, already cleared
        number += 1
        yield number, element
        element.clear(keep_tail=False)


def _up_to_the_root(stream: BinaryIO, root: str) -> BinaryIO:
    """Parse as far as the document element's start tag, refuse entities and a wrong document
    element there, and hand back a stream that reads again from the first byte."""
    recorded = _Recorded(stream)
    for _, element in _checked(_parser(recorded, ("start",))):
        _check_root(element, root)
        break
    return recorded.replayed()


class _Recorded:
    """A stream that keeps what was read from it, to read it again."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self._read: list[bytes] = []

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        self._read.append(data)
        return data

    def replayed(self) -> "_Replayed":
        return _Replayed(b"".join(self._read), self._stream)


class _Replayed:
    """``head`` again, then the rest of ``stream``."""

    def __init__(self, head: bytes, stream: BinaryIO) -> None:
        self._head = head
        self._stream = stream

    def read(self, size: int = -1) -> bytes:
        if not self._head:
            return self._stream.read(size)
        if size < 0:
            data, self._head = self._head + self._stream.read(), b""
            return data
        data, self._head = self._head[:size], self._head[size:]
        return data


def _parser(stream: BinaryIO, events: tuple[str, ...], tag: str | None = None) -> etree.iterparse:
    return etree.iterparse(stream, events=events, tag=tag, **_SAFE)


def _checked(events: etree.iterparse) -> Iterator[tuple[str, etree._Element]]:
    """The parser's events, after refusing entities; malformed XML becomes a FormatError."""
    line = 1
    checked = False
    etree.clear_error_log()  # so that the log explains this file's error, not an earlier one
    try:
        for event, element in events:
            line = element.sourceline or line
            if not checked:
                _refuse_entities(element)
                checked = True
            yield event, element
    except etree.XMLSyntaxError as exc:
        raise _malformed(exc, line) from exc
    if not checked and events.root is not None:
        _refuse_entities(events.root)


def _check_root(element: etree._Element, root: str) -> None:
    if element.tag != root:
        raise FormatError(
            f"expected <{root}> as the document element, found <{element.tag}>",
            line=element.sourceline,
        )


def _refuse_entities(root: etree._Element) -> None:
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise FormatError(
            "the file declares XML entities in its DOCTYPE; cinecat does not read such files",
            line=1,
        )


def _malformed(exc: etree.XMLSyntaxError, last_line: int) -> FormatError:
    message, line = exc.msg, exc.lineno
    if not line and exc.error_log.last_error is not None:
        # With entities unresolved, libxml2 raises an undeclared entity as "no element found"
        # at line 0; its log holds the real message and line.
        error = exc.error_log.last_error
        message, line = error.message, error.line
    return FormatError(f"the XML is malformed: {message}", line=line or last_line)
