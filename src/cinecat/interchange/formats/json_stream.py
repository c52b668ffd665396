"""Reading one large JSON document a value at a time, for files too big to load whole.

``Scanner`` walks the punctuation of the outer structure itself and hands each inner value to
``json``'s decoder, over a buffer that holds little more than the value being read.
"""

import codecs
import json
from typing import Any, BinaryIO

from .base import FormatError

READ_SIZE = 64 * 1024
MAX_VALUE_CHARS = 64 * 1024 * 1024  # one entry this large is a broken file, not a film
_SPACE = " \t\r\n"


class Scanner:
    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self._decode = codecs.getincrementaldecoder("utf-8-sig")().decode
        self._json = json.JSONDecoder()
        self._buffer = ""
        self._pos = 0
        self._lines_before = 0  # newlines in the part of the text already dropped
        self._ended = False

    def peek(self) -> str:
        """The next character that is not white space, without taking it; '' at the end."""
        while True:
            while self._pos < len(self._buffer) and self._buffer[self._pos] in _SPACE:
                self._pos += 1
            if self._pos < len(self._buffer) or not self._more():
                return self._buffer[self._pos : self._pos + 1]

    def take(self, char: str, what: str) -> None:
        """Take ``char`` or say that ``what`` was expected there."""
        if self.peek() != char:
            found = repr(self.peek()) if self.peek() else "the end of the file"
            raise FormatError(f"expected {what}, found {found}", line=self.line())
        self._pos += 1

    def value(self, context: str) -> Any:
        """The next complete JSON value; ``context`` names it in an error ("entry #3")."""
        while True:
            self.peek()
            try:
                value, end = self._json.raw_decode(self._buffer, self._pos)
            except json.JSONDecodeError as exc:
                if self._more():
                    continue  # the value may simply not be all in the buffer yet
                raise FormatError(
                    f"not valid JSON in {context}: {exc.msg}", line=self.line(exc.pos)
                ) from None
            if end == len(self._buffer) and self._more():
                continue  # a number at the buffer's edge may go on: 12 | 34
            self._pos = end
            return value

    def line(self, pos: int | None = None) -> int:
        pos = self._pos if pos is None else pos
        return self._lines_before + self._buffer.count("\n", 0, pos) + 1

    def _more(self) -> bool:
        """Read on; False at the end of the stream. Consumed text is dropped first."""
        if self._ended:
            return False
        self._lines_before += self._buffer.count("\n", 0, self._pos)
        self._buffer = self._buffer[self._pos :]
        self._pos = 0
        if len(self._buffer) > MAX_VALUE_CHARS:
            raise FormatError(
                f"a value longer than {MAX_VALUE_CHARS:,} characters: the file is broken",
                line=self.line(),
            )
        # Read at least as much as is held, so a long value is re-parsed only a few times.
        data = self._stream.read(max(READ_SIZE, len(self._buffer)))
        try:
            text = self._decode(data, final=not data)
        except UnicodeDecodeError as exc:
            raise FormatError(f"the file is not UTF-8: {exc.reason}", line=self.line()) from None
        self._ended = not data
        self._buffer += text
        return bool(text) or not self._ended
