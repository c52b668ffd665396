"""The contract between format modules and the rest of cinecat.

A format module reads a source into a stream of plain records (frozen dataclasses, no database)
and may write records back out; the shared writer (``cinecat.interchange.writer``) turns records
into Works, Editions and Copies. Each module says once what it can do, as a ``FileFormat``::

    FORMAT = FileFormat(
        key="dvdprofiler",                              # the registry's key
        label="DVD Profiler collection (XML export)",   # what a person reads
        detect=detect,                                  # (head: bytes) -> bool
        read=read,                                      # (stream) -> Iterator[Record]
        write=write, extension="xml", content_type="application/xml",  # optional
    )

``interchange.registry`` finds a format by its key or by a file's first bytes. Views, commands
and services ask the format what it can do (``fmt.writes``, ``fmt.maps_columns`` …), never
which format it is.
"""

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, BinaryIO, Protocol

from cinecat.catalog.records import Record

if TYPE_CHECKING:
    from .cinecat_json import BackupEntry


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


class Detect(Protocol):
    def __call__(self, head: bytes) -> bool:
        """Whether the first bytes of a file (up to ``registry.HEAD_SIZE``) are this format's."""


class Read(Protocol):
    def __call__(self, stream: BinaryIO) -> Iterator[Record]:
        """The file's records, one at a time; a FormatError names the line or entry at fault."""


class ReadEntries(Protocol):
    def __call__(self, stream: BinaryIO) -> Iterator["BackupEntry"]:
        """The records with what a backup says of each: when its copy went to the trash."""


class ReadMapped(Protocol):
    def __call__(
        self,
        stream: BinaryIO,
        column_map: dict[str, str] | None = None,
        separators: dict[str, str] | None = None,
    ) -> Iterator["Record | Unreadable"]:
        """The records, each column read as the field ``column_map`` gives it (others guessed),
        its lists cut as ``separators`` says (else as found)."""


class Preview(Protocol):
    def __call__(
        self,
        stream: BinaryIO,
        column_map: dict[str, str] | None = None,
        rows: int = 5,
        separators: dict[str, str] | None = None,
    ) -> tuple[list[str], list["Record | Unreadable"]]:
        """The header and the first ``rows`` records as they will be stored."""


class SeparatorsFound(Protocol):
    def __call__(self, stream: BinaryIO, column_map: dict[str, str] | None = None) -> dict:
        """Column → what cuts its lists, as found in the first rows."""


class Write(Protocol):
    def __call__(self, records: Iterable[Record], stream: BinaryIO) -> None:
        """Write every field of the records that the format can hold."""


class WriteColumns(Protocol):
    def __call__(
        self, records: Iterable[Record], stream: BinaryIO, *, columns: Sequence[str] | None = None
    ) -> None:
        """Write the ``columns`` picked (the default ones without a choice), in that order."""


class Parts(Protocol):
    def __call__(self, *, columns: Sequence[str] | None = None) -> frozenset[str]:
        """The record parts (``export.PARTS``) that writing those columns reads."""


class GuessMap(Protocol):
    def __call__(self, header: list[str]) -> dict[str, str]:
        """Each column's field, known by its name."""


@dataclass(frozen=True)
class Unreadable:
    """An entry a reader could not read (a row with the wrong number of columns, a date that
    is none): given in its place, so that the rest of the file is still read. The writer
    reports it as failed, and refuses the import unless the valid entries are to be kept."""

    where: str  # "line 4", "<DVD> #3"
    message: str
    title: str = ""

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass(frozen=True)
class ColumnMapping:
    """How a format reads a table's columns under a map of column -> field (CSV)."""

    fields: Mapping[str, str]  # field -> its label, in the order a person picks from
    guess: GuessMap
    read: ReadMapped
    preview: Preview
    lists: frozenset[str] = frozenset()  # the fields whose cells hold lists
    separators: Mapping[str, str] = field(default_factory=dict)  # what may cut them → label
    separators_found: SeparatorsFound | None = None


@dataclass(frozen=True)
class FileFormat:
    """A file format cinecat reads (and may write), declared once by its module as ``FORMAT``.

    Not an edition's format (``catalog.models.Format``: DVD, Blu-ray …), which is a medium."""

    key: str  # the registry's key, e.g. "clz-page"
    label: str  # what a person reads, e.g. "CLZ collection page (text)"
    detect: Detect
    read: Read
    read_entries: ReadEntries | None = None  # records with their trash dates (a backup's)
    mapping: ColumnMapping | None = None  # reads a table's columns under a map
    write: Write | WriteColumns | None = None
    parts: Parts | None = None  # the record parts the writer reads; None: all of them
    columns: tuple[str, ...] = ()  # a writer of the columns picked: every one it knows
    default_columns: tuple[str, ...] = ()  # those written when none are picked
    extension: str = ""  # a written file's, without the dot
    content_type: str = ""  # a written file's, for downloads
    # Its reader takes a census (``read(stream, census=Census())``, ``formats/census.py``):
    # it notes where each value of the file landed, for ``cinecat import --report``.
    counts: bool = False
    # Its records are films to attach viewings and ratings to, found among the collection's
    # (``writer.attach``), not copies of their own (Letterboxd's diary).
    attaches: bool = False

    def __post_init__(self) -> None:
        if self.write is None and (self.parts or self.columns or self.extension):
            raise TypeError(f"format {self.key}: parts, columns and extension are a writer's")
        if self.write is not None and not (self.extension and self.content_type):
            raise TypeError(f"format {self.key}: a writer needs an extension and a content type")
        if not set(self.default_columns) <= set(self.columns):
            raise TypeError(f"format {self.key}: default columns that are not among its columns")

    @property
    def writes(self) -> bool:
        return self.write is not None

    @property
    def reads_entries(self) -> bool:
        return self.read_entries is not None

    @property
    def maps_columns(self) -> bool:
        return self.mapping is not None

    @property
    def picks_columns(self) -> bool:
        """Whether its writer writes the columns picked (CSV), not every field."""
        return bool(self.columns)
