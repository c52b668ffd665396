"""GCstar film collections (``.gcs``, model ``GCfilms``).

Each ``<item>`` holds its simple values in attributes (``title``, ``date``, ``added`` …) and its
lists as child elements of ``<line><col>`` rows (genres, actors with roles, audio tracks,
subtitles, tags). Older files (GCstar before 1.2) wrote a few lists as attributes too, e.g.
``actors="Name (Role), Name (Role)"``. ``webPage`` ends in ``##`` and the plug-in that filled
it (``##IMDb``). ``age``, the age a film is for, is the audience rating, with no country named;
``added`` is a day, the start of which where cinecat reads dates is the copy's added time.
Values cinecat has no place for (``favourite``, a ``webPage`` that is not IMDb's or TMDb's …)
are kept as the copy's other details under GCstar's names, a set flag as "Yes" and a list one
row a line.

Loans: ``borrower`` names who has the film now ("none": at home, "unknown": someone unnamed)
and ``lendDate`` since when; ``borrowings`` lists the past loans, rows of borrower, lent date
and return date, which GCstar adds when the film comes back. Dates are DD/MM/YYYY. The current
loan becomes an open loan (a ``lendDate`` that cannot be read is kept as an other detail, the
loan then has no date), each past loan a returned one; a past loan without a readable return
date cannot be closed, so its row stays in the other details as ``borrowings``.
"""

import datetime as dt
import re
from collections.abc import Iterator
from typing import BinaryIO

from lxml import etree

from cinecat.catalog.records import UNKNOWN_BORROWER, LoanRecord, Record

from . import field_values as fv
from . import parse
from .base import FileFormat, FormatError
from .census import Census
from .xml_safety import iter_entries

_SIGNATURE = re.compile(rb"<collection\b[^>]*\btype=[\"']GCfilms[\"']")
_ACTOR_WITH_ROLE = re.compile(r"\s*([^,(]+?)\s*\(([^)]*)\)\s*(?:,|$)")
_NOT_LENT = {"", "none"}
_UNKNOWN = "unknown"  # GCstar's choice for a film lent to someone it has no name for
_EMPTY = {"", "0"}  # GCstar writes 0 for an unset number or flag
_YEAR = re.compile(r"\b([0-9]{4})\b")
# Attributes of older files holding lists, a value an item.
_LISTS = {"director", "actors", "genre", "country", "audio", "subt", "region"}


def detect(head: bytes) -> bool:
    return _SIGNATURE.search(head) is not None


def read(stream: BinaryIO, census: Census | None = None) -> Iterator[Record]:
    for number, item in iter_entries(
        stream, root="collection", container="collection", entry="item"
    ):
        if number == 1:
            _check_model(item.getparent())
        yield _record(item, number, census)


def _check_model(collection: etree._Element) -> None:
    model = collection.get("type", "")
    if model != "GCfilms":
        raise FormatError(
            f"this GCstar collection is of type {model or '(none)'}, not films (GCfilms)",
            line=collection.sourceline,
        )


def _record(item: etree._Element, number: int, census: Census | None = None) -> Record:
    where = f"<item> #{number} (line {item.sourceline})"
    draft = fv.Draft(census=census)
    lending = {"borrower": "", "lendDate": ""}  # read at the end: they come in any order
    history: list[list[str]] = []
    for name, value in item.attrib.items():
        value = value.strip()
        if name in lending:
            lending[name] = value
        elif value not in _EMPTY:
            draft.reading(name, len(fv.split(value, ",")) if name in _LISTS else 1)
            _attribute(draft, name, value, where)
    for child in item:
        rows = [[(col.text or "").strip() for col in line] for line in child.iter("line")]
        if child.tag == "borrowings" and rows:
            history = rows
        elif child.tag in lending and not rows:
            lending[child.tag] = (child.text or "").strip()
        elif rows:
            draft.reading(child.tag, len(rows))
            _rows(draft, child.tag, rows)
        elif (child.text or "").strip():
            draft.reading(child.tag)
            _attribute(draft, child.tag, child.text.strip(), where)
    _loans(draft, lending["borrower"], lending["lendDate"], history)
    return draft.record(source_id=item.get("id", ""), where=where)


def _loans(draft: fv.Draft, borrower: str, lent: str, history: list[list[str]]) -> None:
    """The past loans, returned, then the current one, open."""
    past = [(row, _past_loan(row)) for row in history]
    loans = [loan for _, loan in past if loan is not None]
    lent_on = _loan_date(lent)
    lending = borrower.lower() not in _NOT_LENT
    if lending:
        draft.reading("borrower")
        draft.landed("loan.borrower")
        loans.append(LoanRecord(_borrower(borrower), lent_on=lent_on))
    if lent:
        draft.reading("lendDate")
        if lending and lent_on is not None:
            draft.landed("loan.lent_on")
        else:  # unreadable, or a date with nobody to have the film: kept as it is
            draft.keep("lendDate", lent)
    if history:
        draft.reading("borrowings", len(history))
        if any(loan is not None for _, loan in past):
            draft.landed("copy.loans")
        unreadable = [row for row, loan in past if loan is None]
        if unreadable:
            draft.keep("borrowings", _rows_text(unreadable))
    draft.finish()
    if loans:
        draft.copy["loans"] = tuple(loans)


def _past_loan(row: list[str]) -> LoanRecord | None:
    """A row of the history, or None if its borrower or return date is missing or unreadable."""
    name, lent, returned = (row + ["", "", ""])[:3]
    lent_on, returned_on = _loan_date(lent), _loan_date(returned)
    if not name or returned_on is None or (lent and lent_on is None):
        return None
    return LoanRecord(_borrower(name), lent_on=lent_on, returned_on=returned_on)


def _borrower(name: str) -> str:
    return UNKNOWN_BORROWER if name.lower() == _UNKNOWN else name


def _loan_date(value: str) -> dt.date | None:
    """The date, or None if empty or unreadable: the caller keeps what it cannot read."""
    return parse.date_or_none(value, parse.DAY_FIRST_DATE)


def _attribute(draft: fv.Draft, name: str, value: str, where: str) -> None:
    work, edition, copy = draft.work, draft.edition, draft.copy
    match name:
        case "id":
            copy["index"] = parse.whole_number(value, where, name)  # GCstar's visible number
            draft.landed("record.source_id")
        case "title":
            work["title"] = value
        case "original":
            work["original_title"] = value
        case "date" if year := _YEAR.search(value):
            work["year"] = int(year[1])  # a year, or a release date DD/MM/YYYY
        case "time" if (minutes := parse.runtime_or_none(value)) is not None:
            work["runtime_minutes"] = minutes
        case "director":
            draft.crew(fv.split(value, ","), "Director")
        case "country":
            work["countries"] = fv.split(value, ",", "/", ";")
        case "actors":
            _actor_text(draft, value)
        case "genre":
            work["genres"] = fv.split(value, ",")
        case "synopsis":
            draft.plot(value)
        case "comment":
            copy["notes"] = value
        case "webPage":
            draft.web_page(value.split("##")[0], name)
        case "trailer":
            work["trailer_url"] = value
        case "seen":
            copy["viewings"] = 1  # a "seen" flag says one viewing at least
        case "added":
            added = parse.date(value, parse.DAY_FIRST_DATE, where, name)
            copy["added_at"] = fv.local_midnight(added)
        case "age":
            edition["rating"] = value  # the age it is for, with no country named
        case "region":
            edition["regions"] = fv.split(value, ",")
        case "format":
            draft.medium(value, name)
        case "number":
            edition["discs"] = parse.whole_number(value, where, name)  # GCfilms' "Number" of media
        case "identifier":
            edition["barcode"] = value
        case "place":
            copy["location"] = fv.split(value, "/")
        case "rating":
            # 1-10 as cinecat's half stars; 0 is GCstar's "not rated"
            copy["my_rating"] = fv.half_stars(
                parse.whole_number(value, where, name), value, where, name
            )
        case "audio":
            edition["audio"] = fv.split(value, ",")
        case "subt":
            edition["subtitles"] = fv.split(value, ",")
        case "favourite":
            draft.keep(name, "Yes")  # a flag: 0, unset, is skipped above
        case _:
            draft.keep(name, value)


def _rows(draft: fv.Draft, name: str, rows: list[list[str]]) -> None:
    firsts = tuple(row[0] for row in rows if row and row[0])
    match name:
        case "genre":
            draft.work["genres"] = firsts
        case "actors":
            for row in rows:
                draft.cast(row[0] if row else "", row[1] if len(row) > 1 else "")
        case "audio":
            # Rows are (language, encoding): "English" and "DTS" make one track.
            draft.edition["audio"] = tuple(" ".join(filter(None, row[:2])) for row in rows)
            draft.work["languages"] = tuple(dict.fromkeys(firsts))
        case "subt":
            draft.edition["subtitles"] = firsts
        case "tags":
            draft.copy["tags"] = firsts
        case _:
            draft.keep(name, _rows_text(rows))


def _rows_text(rows: list[list[str]]) -> str:
    """Rows one a line, a row's columns joined with commas."""
    return "\n".join(", ".join(filter(None, row)) for row in rows)


def _actor_text(draft: fv.Draft, value: str) -> None:
    """``Famke Janssen (Marnie Watson), Bobby Cannavale (Shanks)``, or names only."""
    pairs = _ACTOR_WITH_ROLE.findall(value)
    if pairs:
        for name, role in pairs:
            draft.cast(name, role)
    else:
        for name in fv.split(value, ","):
            draft.cast(name)


FORMAT = FileFormat(
    key="gcstar",
    label="GCstar films (.gcs)",
    detect=detect,
    read=read,
    counts=True,
)
