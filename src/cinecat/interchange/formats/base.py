"""The contract between format modules and the record writer.

A format module reads a source into a stream of plain records (frozen dataclasses, no database)
and writes records back out. The shared writer (``cinecat.interchange.writer``) turns records
into Works, Editions and Copies. A module provides::

    KEY: str                      # registry key, e.g. "clz-page"
    LABEL: str                    # what a person reads, e.g. "CLZ collection page (text)"
    def detect(head: bytes) -> bool
    def read(stream: BinaryIO) -> Iterator[Record]
    def write(records: Iterable[Record], stream: BinaryIO) -> None   # optional
    def read_entries(stream: BinaryIO) -> Iterator[BackupEntry]   # optional: records, each with
        # when its copy went to the trash (``entry.record``, ``entry.trashed_at``)
"""

from collections.abc import Iterable, Iterator
from typing import BinaryIO, Protocol

from cinecat.catalog.records import Record


class FormatError(ValueError):
    """A source that cannot be read; says what is wrong and where (line or element)."""

    def __init__(self, message: str, *, line: int | None = None, where: str = "") -> None:
        self.message = message
        self.line = line
        self.where = where
        super().__init__(str(self))

    def __str__(self) -> str:
        if self.line is None:
            place = self.where
        else:
            place = f"{self.where} (line {self.line})" if self.where else f"line {self.line}"
        return f"{place}: {self.message}" if place else self.message


class FormatModule(Protocol):
    KEY: str
    LABEL: str

    def detect(self, head: bytes) -> bool: ...

    def read(self, stream: BinaryIO) -> Iterator[Record]: ...


class WritableFormat(FormatModule, Protocol):
    def write(self, records: Iterable[Record], stream: BinaryIO) -> None: ...
