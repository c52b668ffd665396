"""A spreadsheet's bytes as text, in the encoding its first bytes name, decoded as it is read.

A file that starts with a byte order mark is in the encoding it names: UTF-16 (LE or BE: the
"Unicode text" spreadsheets save on Windows) or UTF-32, and bytes that break it stop the
reading with a FormatError. Any other file is UTF-8, with or without its BOM; a byte that is
not UTF-8 is read as Windows-1252, as older spreadsheet programs save.
"""

import codecs
import io
from collections.abc import Iterator
from typing import BinaryIO

from .base import FormatError

_CP1252_FALLBACK = "cinecat-cp1252"
# UTF-32 LE's mark starts as UTF-16 LE's does: it is looked for first.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_BOM_SIZE = 4


def _as_cp1252(error: UnicodeDecodeError) -> tuple[str, int]:
    return error.object[error.start : error.end].decode("cp1252", errors="replace"), error.end


codecs.register_error(_CP1252_FALLBACK, _as_cp1252)


def _encoding(head: bytes) -> tuple[str, str]:
    """The encoding the first bytes name, and what to do with bytes it cannot decode."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding, "strict"
    return "utf-8-sig", _CP1252_FALLBACK


def head_text(head: bytes) -> str | None:
    """The first bytes of a file as text, but a character they cut short; None when they are
    not text (bytes that break their encoding, a NUL: binary, or UTF-16 without its BOM)."""
    encoding, errors = _encoding(head)
    decoder = codecs.getincrementaldecoder(encoding)(errors)
    try:
        text = decoder.decode(head, final=False)
    except UnicodeDecodeError:
        return None
    return None if "\0" in text else text


def lines(stream: BinaryIO) -> Iterator[str]:
    """The file's lines, line endings kept as they are (for the csv module), one at a time."""
    head = stream.read(_BOM_SIZE)  # read, not peeked: the stream need not seek
    encoding, errors = _encoding(head)
    text = io.TextIOWrapper(io.BufferedReader(_Source(stream, head)), encoding, errors, "")
    count = 0
    try:
        for line in text:
            count += 1
            yield line
    except UnicodeDecodeError as exc:
        raise _not_text(encoding.upper(), exc, count) from exc


def _not_text(encoding: str, exc: UnicodeDecodeError, count: int) -> FormatError:
    # Text is decoded a block at a time: the bad bytes are past the lines read, not at a line.
    which = f"bytes after line {count}" if count else "some of its bytes"
    return FormatError(
        f"the file starts with the byte order mark of {encoding}, but {which} are not "
        f"{encoding} text ({exc.reason})"
    )


class _Source(io.RawIOBase):
    """The caller's stream, read through its ``read()`` only, after the ``head`` already read
    from it."""

    # TextIOWrapper would use read1(), passing by a wrapper that counts bytes for progress, and
    # close the stream when collected: this keeps both read() and the stream the caller's.

    def __init__(self, stream: BinaryIO, head: bytes) -> None:
        self._stream = stream
        self._head = head

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self._head:
            data, self._head = self._head[: len(buffer)], self._head[len(buffer) :]
        else:
            data = self._stream.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)
