"""Letterboxd's export: a diary of viewings, ratings, reviews, the films watched and a watchlist.

The export is a ZIP of CSV files (or one of them on its own), each starting
``Date,Name,Year,Letterboxd URI``: ``diary.csv`` adds ``Rating,Rewatch,Tags,Watched Date`` (one
row a viewing), ``reviews.csv`` the same with ``Review``, ``ratings.csv`` ``Rating`` (the
film's rating now), while ``watched.csv`` and ``watchlist.csv`` have the four columns alone and
are told apart by their names. Its folders (``deleted/``, ``orphaned/``, ``lists/``, ``likes/``)
are not read.

A record is a film with everything the files say of it: its viewings (date, rewatch, review as
the note), its rating in half stars, and whether it is only wished for (the watchlist). They
attach to the collection's films (``writer.attach``) rather than being copies of their own.
"""

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from pathlib import PurePosixPath
from typing import BinaryIO

from cinecat.catalog.models import CopyStatus
from cinecat.catalog.records import CopyRecord, Record, ViewingRecord, WorkRecord
from cinecat.core.folding import fold

from . import parse, spreadsheet_text
from .archive_safety import refuse_unsafe_members
from .base import FileFormat, FormatError, Unreadable

HEADER = ("Date", "Name", "Year", "Letterboxd URI")
FILES = ("diary.csv", "reviews.csv", "ratings.csv", "watched.csv", "watchlist.csv")
_ISO = parse.ISO_DATE


def detect(head: bytes) -> bool:
    if head.startswith(b"PK\x03\x04"):
        return any(name.encode() in head for name in (*FILES, "profile.csv"))
    text = spreadsheet_text.head_text(head)
    return text is not None and text.lstrip("\ufeff").startswith(",".join(HEADER))


@dataclass
class _Film:
    title: str
    year: int | None
    where: str
    uri: str = ""
    viewings: list[ViewingRecord] = field(default_factory=list)
    rating: int | None = None  # ratings.csv's: the film's rating now
    diary_rating: tuple[dt.date, int] | None = None  # the latest rated viewing's, and its date
    watched: bool = False

    def record(self) -> Record:
        # A rating says the film was seen, as Letterboxd's own count of films watched does.
        seen = self.watched or bool(self.viewings) or self.rating is not None
        viewings = sorted(self.viewings, key=lambda v: (v.watched_on is None, v.watched_on))
        copy = CopyRecord(
            status=CopyStatus.WATCHED if seen else CopyStatus.WISH_LIST,
            my_rating=self.rating if self.rating is not None else self._diary_rating(),
            viewings=max(len(viewings), int(seen)),
            viewing_log=tuple(viewings),
        )
        work = WorkRecord(title=self.title, year=self.year)
        return Record(works=(work,), copy=copy, source_id=self.uri, where=self.where)

    def _diary_rating(self) -> int | None:
        return self.diary_rating[1] if self.diary_rating else None


def read(stream: BinaryIO) -> Iterator[Record | Unreadable]:
    data = stream.read()
    films: dict[tuple[str, int | None], _Film] = {}
    failures: list[Unreadable] = []
    for name, member in _files(data, getattr(stream, "name", "")):
        for row in _rows(name, member, failures):
            _take(films, name, row)
    yield from failures
    for film in films.values():
        yield film.record()


def _files(data: bytes, stream_name: str) -> Iterator[tuple[str, BinaryIO]]:
    """Each CSV file of the export by what it is (its name in the ZIP, else its columns)."""
    if not data.startswith(b"PK\x03\x04"):
        yield _kind(data, stream_name), io.BytesIO(data)
        return
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            refuse_unsafe_members(archive)
            names = {PurePosixPath(n).name: n for n in archive.namelist() if "/" not in n}
            found = [name for name in FILES if name in names]
            if not found:
                raise FormatError(f"the ZIP holds none of Letterboxd's {', '.join(FILES)}")
            for name in found:
                yield name, io.BytesIO(archive.read(names[name]))
    except zipfile.BadZipFile as exc:
        raise FormatError(f"not a readable ZIP file ({exc})") from exc


def _kind(data: bytes, stream_name: str) -> str:
    header = data[:1024].decode("utf-8", "replace").lstrip("\ufeff").splitlines()[0:1]
    columns = header[0].split(",") if header else []
    if "Review" in columns:
        return "reviews.csv"
    if "Watched Date" in columns:
        return "diary.csv"
    if "Rating" in columns:
        return "ratings.csv"
    # watched.csv and watchlist.csv have the same columns: only the name tells them apart.
    return "watchlist.csv" if "watchlist" in stream_name.lower() else "watched.csv"


def _rows(name: str, stream: BinaryIO, failures: list[Unreadable]) -> Iterator[dict]:
    reader = csv.reader(spreadsheet_text.lines(stream))
    header = [column.lstrip("\ufeff") for column in next(reader, [])]
    if tuple(header[:4]) != HEADER:
        raise FormatError(f"its columns are not Letterboxd's ({', '.join(HEADER)} …)", where=name)
    for row in reader:
        where = f"{name} line {reader.line_num}"
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            failures.append(
                Unreadable(where, f"{len(row)} columns where the header has {len(header)}")
            )
            continue
        values = {column: cell.strip() for column, cell in zip(header, row, strict=True)}
        try:
            yield _checked(values, where)
        except FormatError as exc:
            failures.append(Unreadable(where, exc.message, values.get("Name", "")))


def _checked(values: dict, where: str) -> dict:
    """The row's values read, or a FormatError naming the column (never kept as odd values:
    a film's rows are read together, before any record is given)."""
    if not values["Name"]:
        raise FormatError("no film name")
    year = values["Year"]
    if year and not parse.is_whole_number(year):
        raise FormatError(f"Year {year!r} is not a year")
    values["Year"] = int(year) if year else None
    values["Rating"] = _rating(values.get("Rating", ""))
    watched = values.get("Watched Date", "")
    values["Watched Date"] = parse.date_or_none(watched, _ISO) if watched else None
    if watched and values["Watched Date"] is None:
        raise FormatError(f"Watched Date {watched!r} is not {_ISO.what}")
    values["where"] = where
    return values


def _rating(text: str) -> int | None:
    """'3.5' → 7 half stars; Letterboxd rates from half a star to five."""
    if not text:
        return None
    try:
        half_stars = Decimal(text) * 2
    except InvalidOperation:
        half_stars = Decimal(0)
    if half_stars != half_stars.to_integral_value() or not 1 <= half_stars <= 10:
        raise FormatError(f"Rating {text!r} is not a rating from 0.5 to 5 in half stars")
    return int(half_stars)


def _take(films: dict, name: str, row: dict) -> None:
    """One row into what is known of its film."""
    key = (fold(row["Name"]), row["Year"])
    film = films.get(key)
    if film is None:
        film = films[key] = _Film(row["Name"], row["Year"], row["where"])
    if name in ("diary.csv", "reviews.csv"):
        _viewing(film, row, review=row.get("Review", ""))
    elif name == "ratings.csv":
        film.rating = row["Rating"]
        film.uri = film.uri or row["Letterboxd URI"]
    elif name == "watched.csv":
        film.watched = True
        film.uri = row["Letterboxd URI"]  # the film's own address, not a diary entry's
    else:  # the watchlist: wished for, unless another file says it was seen
        film.uri = film.uri or row["Letterboxd URI"]


def _viewing(film: _Film, row: dict, review: str) -> None:
    """A diary entry; a review of a viewing already read is its note."""
    watched_on = row["Watched Date"]
    rewatch = row.get("Rewatch", "").casefold() == "yes"
    for at, viewing in enumerate(film.viewings):
        if viewing.watched_on == watched_on and viewing.rewatch == rewatch:
            film.viewings[at] = replace(viewing, note=review or viewing.note)
            break
    else:
        film.viewings.append(ViewingRecord(watched_on=watched_on, note=review, rewatch=rewatch))
    rated_on = watched_on or dt.date.min
    if row["Rating"] is not None and (film.diary_rating or (dt.date.min,))[0] <= rated_on:
        film.diary_rating = (rated_on, row["Rating"])


FORMAT = FileFormat(
    key="letterboxd",
    label="Letterboxd export (ZIP, or its diary, ratings, reviews, watched or watchlist CSV)",
    detect=detect,
    read=read,
    attaches=True,
)
