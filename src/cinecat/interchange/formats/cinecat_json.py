"""cinecat's own JSON: every field of every record, read back exactly as it was written.

    {"format": "cinecat", "version": 2,
     "collections": [{"name": "Alice's shelves", "slug": "alice",      (backups only)
                      "tags": [...], "storage_devices": [...], "locations": [["Attic"]],
                      "borrowers": [{"name": "Bob", "email": "", "phone": ""}]}],
     "entries": [
       {"collection": "alice", "source_key": "clz-page",               (backups only)
        "works": [{"title": "Alien", "year": 1979, "plots": [...], "credits": [...], ...}],
        "edition": {"format": "DVD", "barcode": "0024543617907", ...},
        "copy": {"index": 3, "purchase_price": "12.50", "added_at": "2026-01-04T18:20:50+00:00",
                 "loans": [...], ...},
        "source_id": "", "where": "copy #3", "unmapped": [],
        "trashed_at": "2026-02-01T09:00:00+00:00", "edition_key": 12, (backups only)
        "covers": [{"side": "front", "image": "covers/12/front-3f2a.jpg",
                    "width": 600, "height": 900, "uploaded_at": "..."}]},
       ...]}

An entry holds the fields of a ``Record`` under the names of ``formats/base.py``: dates and
datetimes in ISO 8601, prices as decimal strings, lists for tuples. A field left out takes the
record's default; an unknown field is an error, as is a wrong type (``FormatError`` naming the
entry and the field). ``format`` and ``version`` come first and ``entries`` last, as ``write``
puts them, so the reader knows what it reads before the first entry.

A backup (``cinecat backup``) lists its collections, with the pick-list values and borrowers
that no copy may name, and gives each entry its collection's slug and the format its copy was
first imported from (so re-importing that source after a restore still finds the copy); an
export of one collection has neither. Since version 2 a backup's entry also says when its copy
went to the trash, if it is there, numbers its edition (copies of one edition share its number,
and share one edition again once restored), and the first entry of each edition lists that
edition's covers, naming the files the backup holds beside the JSON. Version 1 files are read
as before.

Both ``write`` and ``read`` go one entry at a time: memory holds one entry, whatever the size
of the file.
"""

import dataclasses
import datetime as dt
import re
import types
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any, BinaryIO, Union, get_args, get_origin, get_type_hints

import orjson

from cinecat.catalog.records import Record

from . import parse
from .base import FileFormat, FormatError
from .json_stream import Scanner

VERSION = 2
# BackupEntry's fields beside the record, in a backup, with the version that brought each in.
_EXTRAS = {"collection": 1, "source_key": 1, "trashed_at": 2, "covers": 2, "edition_key": 2}
_SIGNATURE = re.compile(rb'^(\xef\xbb\xbf)?\s*\{\s*"format"\s*:\s*"cinecat"')


@dataclass(frozen=True)
class BorrowerInfo:
    name: str
    email: str = ""
    phone: str = ""


@dataclass(frozen=True)
class CollectionInfo:
    """A collection in a backup, with the pick-list values no copy may name any more."""

    name: str
    slug: str
    tags: tuple[str, ...] = ()
    storage_devices: tuple[str, ...] = ()
    locations: tuple[tuple[str, ...], ...] = ()  # paths, outermost first
    borrowers: tuple[BorrowerInfo, ...] = ()


@dataclass(frozen=True)
class BackupCover:
    """An edition's cover in a backup: its side, the stored file the backup holds, its size."""

    side: str  # "front" or "back"
    image: str  # the storage name; the backup holds the file as media/<image>
    width: int
    height: int
    uploaded_at: dt.datetime | None = None


@dataclass(frozen=True)
class BackupEntry:
    """A record, and in a backup the collection it belongs to and the source it came from."""

    record: Record
    collection: str = ""  # a collection's slug
    source_key: str = ""  # the format the copy was first imported from, to match re-imports
    trashed_at: dt.datetime | None = None  # when the copy went to the trash, if it is there
    covers: tuple[BackupCover, ...] = ()  # its edition's, on the first entry of that edition
    edition_key: int | None = None  # its edition's number in the backup: shared, it stays shared


@dataclass
class Document:
    """A file being read: its collections (None unless a backup), then its entries."""

    collections: list[CollectionInfo] | None
    entries: Iterator[BackupEntry]


# -- writing ------------------------------------------------------------------------------


def write(records: Iterable[Record], stream: BinaryIO) -> None:
    write_document((BackupEntry(record) for record in records), stream)


def write_document(
    entries: Iterable[BackupEntry],
    stream: BinaryIO,
    *,
    collections: Iterable[CollectionInfo] | None = None,
) -> None:
    """Write entries one by one; with ``collections``, a backup naming each entry's one."""
    stream.write(f'{{"format": "cinecat", "version": {VERSION}'.encode())
    if collections is not None:
        listed = [dataclasses.asdict(info) for info in collections]
        stream.write(b',\n"collections": ' + _dumps(listed))
    stream.write(b',\n"entries": [')
    for number, entry in enumerate(entries):
        plain = {name: getattr(entry, name) for name in _EXTRAS if getattr(entry, name)}
        plain.update(_fields(entry.record))
        stream.write(b",\n" if number else b"\n")
        stream.write(_dumps(plain))
    stream.write(b"\n]}\n")


def _dumps(value: Any) -> bytes:
    # orjson writes records (dataclasses), tuples, dates and datetimes (ISO 8601) itself, and
    # asks _plain only for prices: several times faster than json's encoder on a big export.
    return orjson.dumps(value, default=_plain)


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"{type(value).__name__} has no place in cinecat JSON")


def as_plain(record: Record) -> Any:
    """A record as JSON's plain values (an import item keeps what an update replaced so)."""
    return orjson.loads(_dumps(record))


def from_plain(plain: Any) -> Record:
    """The record ``as_plain`` gave; FormatError if it is no record."""
    return _record(plain, Record, "")


def _fields(record: Any) -> dict[str, Any]:
    return {name: getattr(record, name) for name in _field_names(type(record))}


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(field.name for field in dataclasses.fields(cls))


# -- reading ------------------------------------------------------------------------------


def detect(head: bytes) -> bool:
    return bool(_SIGNATURE.match(head))


def read(stream: BinaryIO) -> Iterator[Record]:
    for entry in read_entries(stream):
        yield entry.record


def read_entries(stream: BinaryIO) -> Iterator[BackupEntry]:
    """The entries, with what a backup adds to their records (when a copy went to the trash)."""
    return open_document(stream).entries


def open_document(stream: BinaryIO) -> Document:
    """Read the head of the file now; the entries as the caller iterates over them."""
    scanner = Scanner(stream)
    header = _read_header(scanner)
    collections = _collections(header.get("collections"))
    slugs = None if collections is None else {info.slug for info in collections}
    extras = tuple(name for name, since in _EXTRAS.items() if since <= header["version"])
    return Document(collections, _entries(scanner, slugs, extras))


def _read_header(scanner: Scanner) -> dict[str, Any]:
    scanner.take("{", "a JSON object")
    header: dict[str, Any] = {}
    while scanner.peek() != "}":
        if header:
            scanner.take(",", "',' between fields")
        key = scanner.value("a field name")
        scanner.take(":", "':' after a field name")
        if key == "entries":
            _check_header(header)
            scanner.take("[", 'the list of "entries"')
            return header
        if key not in ("format", "version", "collections"):
            raise FormatError(f"unknown field {key!r} at the top", line=scanner.line())
        header[key] = scanner.value(f'"{key}"')
    raise FormatError('the file has no "entries" list', line=scanner.line())


def _check_header(header: dict[str, Any]) -> None:
    if header.get("format") != "cinecat":
        raise FormatError('not a cinecat file: "format": "cinecat" must come first')
    version = header.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise FormatError('"version" must be a whole number, before "entries"')
    if version > VERSION:
        raise FormatError(
            f"version {version} was written by a newer cinecat; this one reads {VERSION}"
        )


def _collections(raw: Any) -> list[CollectionInfo] | None:
    if raw is None:
        return None
    try:
        return list(_value(raw, tuple[CollectionInfo, ...], "collections"))
    except FormatError as exc:
        raise FormatError(exc.message, where="the collections list") from None


def _entries(
    scanner: Scanner, slugs: set[str] | None, extras: tuple[str, ...]
) -> Iterator[BackupEntry]:
    number = 0
    while scanner.peek() != "]":
        if number:
            scanner.take(",", "',' between entries")
        number += 1
        where = f"entry #{number}"
        try:
            entry = _entry(scanner.value(where), slugs, extras)
        except FormatError as exc:
            if exc.line is not None:
                raise
            raise FormatError(exc.message, where=where) from None
        if not entry.record.where:
            entry = dataclasses.replace(
                entry, record=dataclasses.replace(entry.record, where=where)
            )
        yield entry
    scanner.take("]", "the end of the entries")
    scanner.take("}", 'the end of the file: "entries" comes last')
    if scanner.peek():
        raise FormatError("more text after the end of the document", line=scanner.line())


def _entry(raw: Any, slugs: set[str] | None, names: tuple[str, ...]) -> BackupEntry:
    # A field of a later version is left in the record, which refuses it as unknown.
    found = {name: raw.pop(name) for name in names if name in raw} if isinstance(raw, dict) else {}
    extras = {name: _value(value, _hints(BackupEntry)[name], name) for name, value in found.items()}
    if slugs is not None and extras.get("collection") not in slugs:
        _fail("collection", f"{extras.get('collection')!r} is not in the collections list")
    return BackupEntry(_value(raw, Record, ""), **extras)


# -- values by their declared type ----------------------------------------------------------


def _fail(path: str, message: str) -> Any:
    raise FormatError(f"{path}: {message}" if path else message)


def _text(raw: Any, path: str) -> str:
    return raw if isinstance(raw, str) else _fail(path, f"should be text, not {raw!r}")


def _whole(raw: Any, path: str) -> int:
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    return _fail(path, f"should be a whole number, not {raw!r}")


def _flag(raw: Any, path: str) -> bool:
    if isinstance(raw, bool):
        return raw
    return _fail(path, f"should be true or false, not {raw!r}")


def _parsed(reader: Callable[[str], Any], what: str) -> Callable[[Any, str], Any]:
    """The value ``reader`` (a ``parse`` function) reads in the text; the error names the
    field by its path in the entry."""

    def convert(raw: Any, path: str) -> Any:
        text = _text(raw, path)
        try:
            return reader(text)
        except FormatError:
            return _fail(path, f"{raw!r} is not {what}")

    return convert


_SCALARS: dict[Any, Callable[[Any, str], Any]] = {
    str: _text,
    int: _whole,
    bool: _flag,
    dt.date: _parsed(lambda text: parse.date(text, parse.ISO_DATE), "a date (YYYY-MM-DD)"),
    dt.datetime: _parsed(
        lambda text: parse.moment(text, parse.ISO_TIME), "an ISO 8601 date and time"
    ),
    Decimal: _parsed(parse.decimal, "a decimal number written as text"),
}


def _value(raw: Any, hint: Any, path: str) -> Any:
    if hint in _SCALARS:
        return _SCALARS[hint](raw, path)
    origin, args = get_origin(hint), get_args(hint)
    if origin in (Union, types.UnionType):  # X | None
        (inner,) = [arg for arg in args if arg is not type(None)]
        return None if raw is None else _value(raw, inner, path)
    if origin is tuple:  # tuple[X, ...], or a pair such as tuple[str, str]
        if not isinstance(raw, list):
            return _fail(path, "should be a list")
        if args[-1] is not Ellipsis:
            if len(raw) != len(args):
                return _fail(path, f"should be a list of {len(args)} values")
            pairs = enumerate(zip(raw, args, strict=True))
            return tuple(_value(item, hint, f"{path}[{n}]") for n, (item, hint) in pairs)
        return tuple(_value(item, args[0], f"{path}[{n}]") for n, item in enumerate(raw))
    if dataclasses.is_dataclass(hint):
        return _record(raw, hint, path)
    raise TypeError(f"{path}: no JSON form for {hint!r}")


def _record(raw: Any, cls: type, path: str) -> Any:
    if not isinstance(raw, dict):
        return _fail(path, "should be an object")
    fields = {f.name: f for f in dataclasses.fields(cls)}
    unknown = sorted(raw.keys() - fields.keys())
    if unknown:
        _fail(path, f"unknown field {unknown[0]!r}")
    values = {}
    for name, f in fields.items():
        inner = f"{path}.{name}" if path else name
        if name in raw:
            values[name] = _value(raw[name], _hints(cls)[name], inner)
        elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            _fail(inner, "is missing")
    return cls(**values)


@cache
def _hints(cls: type) -> dict[str, Any]:
    return get_type_hints(cls)


FORMAT = FileFormat(
    key="cinecat-json",
    label="cinecat JSON (complete)",
    detect=detect,
    read=read,
    read_entries=read_entries,
    write=write,
    extension="json",
    content_type="application/json",
)
